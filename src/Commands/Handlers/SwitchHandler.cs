using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>switch &lt;app|canary&gt; [keep old for &lt;duration&gt;]</c>: a blue-green release's new colour, proven by its
/// testers, takes all traffic at once; the old colour stays up for the keep time so that <c>rollback</c> is a switch back.
/// </summary>
public sealed class SwitchHandler(
    ReleaseResolver resolver,
    IReleaseStore store,
    IClusters clusters,
    Consent.ApprovalDesk approvals,
    TimeProvider time)
{
    public async Task<Outcome> HandleAsync(SwitchCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        if (Problem(release) is { } problem)
        {
            return Outcome.Refused(problem, app.Name, release.Id);
        }

        var said = $"switch {app.Name}" + (command.KeepOld is { } asked ? $" keep old for {Texts.Duration(asked)}" : string.Empty);
        if (!command.Flags.DryRun && await approvals.GateAsync(release, app, 0, request, said, cancellationToken).ConfigureAwait(false) is { } gated)
        {
            return gated;
        }

        var keep = command.KeepOld ?? release.KeepOld;
        var router = clusters.RouterFor(app, release);
        if (command.Flags.DryRun)
        {
            var changes = await router.ChangeAsync(app, release, TrafficTarget.Switched, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun(said, release.Cluster, changes) + $"\n{router.Preview(release, TrafficTarget.Switched).Detail}.", app.Name, release.Id);
        }

        var now = time.GetUtcNow();
        var late = await store.UpdateAsync(release.Id, stored =>
        {
            var problem = Problem(stored);
            if (problem is null)
            {
                stored.KeepOld = keep;
                stored.Accept(ReleaseTrigger.Switch, 100, request.Actor.ToString(), request.Conversation, now);
            }

            return problem;
        }, cancellationToken).ConfigureAwait(false);
        if (late is not null)
        {
            return Outcome.Refused(late, app.Name, release.Id);
        }

        var old = release.OldReplicas == release.StableReplicas ? "all its pods" : Texts.Plural(release.OldReplicas, "pod");
        return Outcome.Queued(
            $"Accepted: switching {app.Name} to {release.ToVersion}. Service {app.Namespace}/{app.Service} will select the new colour "
            + $"({app.CanaryDeployment}, {Texts.Plural(release.StableReplicas, "pod")}); {release.FromVersion} keeps {old} for {Texts.Duration(keep)} "
            + $"after the switch, so `rollback {app.Name}` can switch back at once. I'll post here when everyone is on {release.ToVersion}.",
            app.Name,
            release.Id);
    }

    /// <summary>Why the release cannot switch now, or null.</summary>
    private static string? Problem(Release release)
    {
        if (release.Strategy != ReleaseStrategy.BlueGreen)
        {
            return $"{release.App}'s release {release.ToVersion} is a canary release; `switch` is for blue-green ones. "
                + $"`promote {release.App} full` sends everyone to the canary.";
        }

        if (ReleaseRules.Decide(release, ReleaseTrigger.Switch).Refusal is { } refusal)
        {
            return refusal;
        }

        return release.Steps.FirstOrDefault(s => s.Kind == StepKind.Deploy) is { Status: not StepStatus.Applied } deploy
            ? $"{release.App}'s preview colour is not up yet ({(deploy.IsOpen ? "its job is still running" : "it did not come up")}); "
                + $"wait for it (`status {release.App}`) before switching."
            : null;
    }
}
