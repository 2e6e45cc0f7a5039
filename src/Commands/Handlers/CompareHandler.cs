using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>compare &lt;app|canary&gt; [last &lt;duration&gt;]</c>: fetches both versions' metrics from the app's source, judges
/// the canary, draws the chart and remembers the verdict with the release. Changes nothing in the cluster.
/// </summary>
public sealed class CompareHandler(ReleaseResolver resolver, CanaryComparison comparison)
{
    public async Task<Outcome> HandleAsync(CompareCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        if (comparison.MissingSource(app) is { } missing)
        {
            return Outcome.Refused(missing, app.Name, release.Id);
        }

        var report = await comparison.RunAsync(app, release, command.Window, cancellationToken).ConfigureAwait(false);
        return new Outcome(Reply.Info(report.Text) with { Image = report.Image }, AuditOutcome.Answered, app.Name, release.Id);
    }
}
