using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary><c>rollback &lt;app|canary&gt;</c> (alias <c>abort</c>): retire the canary, restore the stable version.</summary>
public sealed class RollbackHandler(
    ReleaseResolver resolver,
    IReleaseStore store,
    IClusters clusters,
    TimeProvider time)
{
    public async Task<Outcome> HandleAsync(RollbackCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        if (release.Strategy == ReleaseStrategy.BlueGreen && release.State == ReleaseState.Completed)
        {
            var retired = release.Steps.LastOrDefault(s => s.Kind == StepKind.Full)?.FinishedAt is { } at ? $" at {Texts.Time(at)}" : string.Empty;
            return Outcome.Refused($"{app.Name}'s old colour {release.FromVersion} was retired{retired}; there is nothing to switch back to. "
                + $"`deploy {app.Name} {release.FromVersion}` brings {release.FromVersion} back as a new release (with `--strategy bluegreen`: a preview first, then `switch`).",
                app.Name, release.Id);
        }

        if (ReleaseRules.Decide(release, ReleaseTrigger.Rollback).Refusal is { } early)
        {
            return Outcome.Refused(early, app.Name, release.Id);
        }

        if (command.Flags.DryRun)
        {
            var changes = await clusters.RouterFor(app, release).ChangeAsync(app, release, TrafficTarget.RolledBack, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun($"rollback {app.Name}", release.Cluster, changes), app.Name, release.Id);
        }

        var now = time.GetUtcNow();
        var (problem, cancelled) = await store.UpdateAsync(release.Id, stored =>
        {
            var transition = ReleaseRules.Decide(stored, ReleaseTrigger.Rollback);
            if (!transition.Allowed)
            {
                return (transition.Refusal, 0);
            }

            var pending = stored.Steps.Count(s => s.Status == StepStatus.Pending);
            stored.Accept(ReleaseTrigger.Rollback, null, request.Actor.ToString(), request.Conversation, now);
            return ((string?)null, pending);
        }, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return Outcome.Refused(problem, app.Name, release.Id);
        }

        var dropped = cancelled == 0 ? string.Empty : $" {Texts.Plural(cancelled, "queued step")} will not run.";
        if (release.Strategy == ReleaseStrategy.BlueGreen)
        {
            var how = !release.IsSwitched
                ? $"the preview colour {release.ToVersion} ({app.CanaryDeployment}) is removed; everyone stays on {release.FromVersion}."
                : release.OldReplicas >= release.StableReplicas
                    ? $"switching back to {release.FromVersion} at once — its {Texts.Plural(release.StableReplicas, "pod")} are still up — then the new colour is removed."
                    : $"{release.FromVersion} grows back from {release.OldReplicas} to {Texts.Plural(release.StableReplicas, "pod")}, takes all traffic again, then the new colour is removed.";
            return Outcome.Queued($"Accepted: rolling back {app.Name} {release.ToVersion}: {how}{dropped}", app.Name, release.Id);
        }

        return Outcome.Queued(
            $"Accepted: rolling back {app.Name} {release.ToVersion}. Deployment {app.Namespace}/{app.Deployment} returns to "
            + $"{Texts.Plural(release.StableReplicas, "pod")} of {release.FromVersion}, then {app.CanaryDeployment} is removed.{dropped}",
            app.Name,
            release.Id);
    }
}
