using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary><c>promote &lt;app|canary&gt; &lt;N%&gt; | next | full</c>.</summary>
public sealed class PromoteHandler(
    ReleaseResolver resolver,
    IReleaseStore store,
    RouterSet routers,
    ReleaseSettings settings,
    TimeProvider time)
{
    public async Task<Outcome> HandleAsync(PromoteCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        return command.Kind == PromoteKind.Full
            ? await FullAsync(command, request, release, app, cancellationToken).ConfigureAwait(false)
            : await WeightAsync(command, request, release, app, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome> WeightAsync(PromoteCommand command, ChatRequest request, Release release, AppSpec app, CancellationToken cancellationToken)
    {
        if (Refusal(release, ReleaseTrigger.SetWeight) is { } stateRefusal)
        {
            return Outcome.Refused(stateRefusal, app.Name, release.Id);
        }

        var weight = command.Weight;
        if (command.Kind == PromoteKind.Next)
        {
            var (next, top) = ReleaseRules.NextWeight(release, settings.WeightLadder);
            if (next is null)
            {
                return Outcome.Refused(top!, app.Name, release.Id);
            }

            weight = next;
        }

        var router = routers.For(app);
        var preview = router.Preview(release, TrafficTarget.Canary(weight!.Value, release.Rules));
        var refusal = ReleaseRules.CheckWeight(release, preview.Requested, command.Flags.Force) ?? preview.Refusal;
        if (refusal is not null)
        {
            return Outcome.Refused(refusal, app.Name, release.Id);
        }

        if (command.Flags.DryRun)
        {
            var changes = await router.ChangeAsync(app, release, TrafficTarget.Canary(preview.Requested, release.Rules), ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(
                Texts.DryRun($"promote {app.Name} {preview.Requested}%", release.Cluster, changes) + $"\nThe canary would get {preview.Detail}.",
                app.Name,
                release.Id);
        }

        var accepted = await AcceptAsync(release, ReleaseTrigger.SetWeight, preview.Requested, command.Flags.Force, request, cancellationToken).ConfigureAwait(false);
        if (accepted is not null)
        {
            return Outcome.Refused(accepted, app.Name, release.Id);
        }

        return Outcome.Queued(
            $"Accepted: {app.Name} canary ({release.ToVersion}) → {preview.Detail}. I'll post here when the pods serve it.",
            app.Name,
            release.Id);
    }

    private async Task<Outcome> FullAsync(PromoteCommand command, ChatRequest request, Release release, AppSpec app, CancellationToken cancellationToken)
    {
        if (Refusal(release, ReleaseTrigger.Full) is { } refusal)
        {
            return Outcome.Refused(refusal, app.Name, release.Id);
        }

        if (command.Flags.DryRun)
        {
            var changes = await routers.For(app).ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun($"promote {app.Name} full", release.Cluster, changes), app.Name, release.Id);
        }

        if (await AcceptAsync(release, ReleaseTrigger.Full, null, false, request, cancellationToken).ConfigureAwait(false) is { } late)
        {
            return Outcome.Refused(late, app.Name, release.Id);
        }

        return Outcome.Queued(
            $"Accepted: promoting {app.Name} {release.ToVersion} to everyone. Deployment {app.Namespace}/{app.Deployment} gets "
            + $"{release.ToImage} on {Texts.Plural(release.StableReplicas, "pod")}; once they are ready, {app.CanaryDeployment} is removed.",
            app.Name,
            release.Id);
    }

    /// <summary>Records the step atomically, re-checking the rules against the stored release.</summary>
    private async Task<string?> AcceptAsync(Release release, ReleaseTrigger trigger, int? weight, bool force, ChatRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refusal = await store.UpdateAsync(release.Id, stored =>
        {
            var problem = Refusal(stored, trigger)
                ?? (trigger == ReleaseTrigger.SetWeight ? ReleaseRules.CheckWeight(stored, weight!.Value, force) : null);
            if (problem is null)
            {
                stored.Accept(trigger, weight, request.Actor.ToString(), request.Conversation, now);
            }

            return problem;
        }, cancellationToken).ConfigureAwait(false);
        return refusal;
    }

    private static string? Refusal(Release release, ReleaseTrigger trigger) => ReleaseRules.Decide(release, trigger).Refusal;
}
