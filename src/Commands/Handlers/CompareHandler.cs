using System.Globalization;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>compare &lt;app|canary&gt; [last &lt;duration&gt;]</c>: fetches both versions' metrics from the app's source, judges
/// the canary, draws the chart and remembers the verdict with the release. Changes nothing in the cluster.
/// </summary>
public sealed partial class CompareHandler(
    ReleaseResolver resolver,
    MetricSourceSet sources,
    IChartRenderer charts,
    IReleaseStore store,
    TimeProvider time,
    ILogger<CompareHandler> logger)
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

        if (sources.For(app) is not { } source)
        {
            var known = sources.Names.Count == 0 ? "none is configured" : $"known sources: {string.Join(", ", sources.Names.Order(StringComparer.Ordinal))}";
            return Outcome.Refused($"No metric source named `{app.Metrics}` is configured for {app.Name} (Apps:{app.Name}:Metrics); {known}.",
                app.Name, release.Id);
        }

        var now = time.GetUtcNow();
        var length = command.Window ?? app.Analysis.DefaultWindow;
        var window = MetricWindow.Ending(now, length);
        var result = await source.FetchAsync(app, release, window, cancellationToken).ConfigureAwait(false);
        var verdict = CanaryJudge.Judge(result.Data, result.NoData, app.Analysis);
        var span = $"last {Texts.Duration(length)}";
        var (stable, canary) = result.Data is { } found ? (found.Stable.Version, found.Canary.Version) : (release.FromVersion, release.ToVersion);
        var title = $"{app.Name} {stable} (stable) vs {canary} (canary) — {span}";

        var fileName = $"compare-{app.Name}-{release.Id}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.png";
        var (image, chartProblem) = result.Data is { } data ? Draw(data, verdict, title, fileName) : (null, null);
        await RecordAsync(release.Id, verdict, now, span, cancellationToken).ConfigureAwait(false);

        var heading = $"{title} (release {release.Id}, {ReleaseRules.Describe(release.State)})";
        var text = CompareReply.Text(heading, result.Data, verdict, chartProblem);
        return new Outcome(Reply.Info(text) with { Image = image }, AuditOutcome.Answered, app.Name, release.Id);
    }

    /// <summary>The chart, or why there is none: a chart that cannot be drawn must not cost the verdict.</summary>
    private (ReplyImage? Image, string? Problem) Draw(ComparisonData data, Verdict verdict, string title, string fileName)
    {
        try
        {
            var png = charts.Render(data, verdict, title);
            var alt = $"Chart of requests, error rates and p95 latency of {title}. {verdict.Headline}";
            return (new ReplyImage(fileName, png, alt, title), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogChartFailed(logger, title, ex);
            return (null, "The chart could not be drawn; the bot's log says why.");
        }
    }

    /// <summary>Keeps the verdict with the release, unless a later comparison got there first.</summary>
    private Task RecordAsync(string releaseId, Verdict verdict, DateTimeOffset now, string span, CancellationToken cancellationToken) =>
        store.UpdateAsync(releaseId, stored =>
        {
            if (stored.LastVerdict is { } newer && newer.At > now)
            {
                return false;
            }

            stored.LastVerdict = new VerdictRecord { Outcome = verdict.Outcome, Headline = verdict.Headline, At = now, Window = span };
            return true;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not draw the chart '{Title}'")]
    private static partial void LogChartFailed(ILogger logger, string title, Exception exception);
}
