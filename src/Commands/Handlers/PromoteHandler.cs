using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>promote &lt;app|canary&gt; &lt;N%&gt; | next | full</c>. <c>next</c> moves to the next step of the release's plan
/// (a rule, a weight or everyone); a person saying it is also the approval a plan step may ask for.
/// </summary>
public sealed class PromoteHandler(
    ReleaseResolver resolver,
    IReleaseStore store,
    IClusters clusters,
    ReleaseSettings settings,
    Consent.ApprovalDesk approvals,
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

        if (release.Strategy == ReleaseStrategy.BlueGreen && release.IsActive)
        {
            return Outcome.Refused($"{app.Name}'s release {release.ToVersion} is blue-green: there is no share of traffic to promote. Testers use the "
                + $"preview colour; `switch {app.Name}` moves everyone at once, `rollback {app.Name}` drops it.", app.Name, release.Id);
        }

        return command.Kind switch
        {
            PromoteKind.Full => await FullAsync(command, request, release, app, cancellationToken).ConfigureAwait(false),
            PromoteKind.Next when release.Plan is not null => await PlanNextAsync(command, request, release, app, cancellationToken).ConfigureAwait(false),
            _ => await WeightAsync(command, request, release, app, cancellationToken).ConfigureAwait(false),
        };
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

        var router = clusters.RouterFor(app, release);
        var preview = router.Preview(release, TrafficTarget.Canary(weight!.Value, release.Rules));
        var refusal = ReleaseRules.CheckWeight(release, preview.Requested, command.Flags.Force) ?? preview.Refusal;
        if (refusal is not null)
        {
            return Outcome.Refused(refusal, app.Name, release.Id);
        }

        var said = $"promote {app.Name} {preview.Requested}%" + (command.Flags.Force ? " --force" : string.Empty);
        if (!command.Flags.DryRun
            && await approvals.GateAsync(release, app, release.PlanIndexForWeight(preview.Requested), request, said, cancellationToken).ConfigureAwait(false) is { } gated)
        {
            return gated;
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

    private async Task<Outcome> FullAsync(PromoteCommand command, ChatRequest request, Release release, AppSpec app, CancellationToken cancellationToken, int? planIndex = null)
    {
        if (Refusal(release, ReleaseTrigger.Full) is { } refusal)
        {
            return Outcome.Refused(refusal, app.Name, release.Id);
        }

        if (!command.Flags.DryRun && release.Plan is { } plan
            && await approvals.GateAsync(release, app, plan.Steps.Count - 1, request, planIndex is null ? $"promote {app.Name} full" : $"promote {app.Name} next", cancellationToken)
                .ConfigureAwait(false) is { } gated)
        {
            return gated;
        }

        if (command.Flags.DryRun)
        {
            var changes = await clusters.RouterFor(app, release).ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun($"promote {app.Name} full", release.Cluster, changes), app.Name, release.Id);
        }

        var late = planIndex is { } index
            ? await AcceptPlanStepAsync(release.Id, index, request, cancellationToken).ConfigureAwait(false)
            : await AcceptAsync(release, ReleaseTrigger.Full, null, false, request, cancellationToken).ConfigureAwait(false);
        if (late is not null)
        {
            return Outcome.Refused(late, app.Name, release.Id);
        }

        return Outcome.Queued(
            $"Accepted: promoting {app.Name} {release.ToVersion} to everyone. Deployment {app.Namespace}/{app.Deployment} gets "
            + $"{release.ToImage} on {Texts.Plural(release.StableReplicas, "pod")}; once they are ready, {app.CanaryDeployment} is removed.",
            app.Name,
            release.Id);
    }

    private async Task<Outcome> PlanNextAsync(PromoteCommand command, ChatRequest request, Release release, AppSpec app, CancellationToken cancellationToken)
    {
        if (release.NextPlanStep() is not { } next)
        {
            return Outcome.Refused($"{app.Name}'s release has no step left in plan {release.Plan!.Name}; say `promote {app.Name} full` to finish.", app.Name, release.Id);
        }

        if (next.Step.IsFull)
        {
            return await FullAsync(command, request, release, app, cancellationToken, next.Index).ConfigureAwait(false);
        }

        if (Refusal(release, release.PlanTrigger(next.Index)) is { } stateRefusal)
        {
            return Outcome.Refused(stateRefusal, app.Name, release.Id);
        }

        var router = clusters.RouterFor(app, release);
        var target = TrafficTarget.Canary(next.Step.Weight ?? release.RequestedWeight, next.Step.Rule is { } rule ? release.RulesWith(rule) : release.Rules);
        var preview = router.Preview(release, target);
        if (preview.Refusal is not null)
        {
            return Outcome.Refused(preview.Refusal, app.Name, release.Id);
        }

        if (!command.Flags.DryRun
            && await approvals.GateAsync(release, app, next.Index, request, $"promote {app.Name} next", cancellationToken).ConfigureAwait(false) is { } gated)
        {
            return gated;
        }

        if (command.Flags.DryRun)
        {
            var changes = await router.ChangeAsync(app, release, target, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun($"promote {app.Name} next ({next.Step.Name})", release.Cluster, changes), app.Name, release.Id);
        }

        if (await AcceptPlanStepAsync(release.Id, next.Index, request, cancellationToken).ConfigureAwait(false) is { } late)
        {
            return Outcome.Refused(late, app.Name, release.Id);
        }

        var what = next.Step.Rule is { } added
            ? $"requests with {added.Describe()} reach the canary ({release.ToVersion}), besides {preview.Detail} of everyone"
            : $"the canary ({release.ToVersion}) → {preview.Detail}";
        return Outcome.Queued($"Accepted: {app.Name} moves to step {next.Step.Name} of plan {release.Plan!.Name}: {what}. I'll post here when the cluster serves it.",
            app.Name, release.Id);
    }

    /// <summary>Records plan step <paramref name="index"/> atomically, if it is still the next one and the rules allow it.</summary>
    private async Task<string?> AcceptPlanStepAsync(string releaseId, int index, ChatRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await store.UpdateAsync(releaseId, stored =>
        {
            if (stored.NextPlanStep()?.Index != index)
            {
                return $"{stored.App}'s plan moved on meanwhile (`plan {stored.App}` shows where it stands); nothing was changed.";
            }

            var problem = Refusal(stored, stored.PlanTrigger(index));
            if (problem is null)
            {
                stored.AcceptPlanStep(index, request.Actor.ToString(), request.Conversation, now);
            }

            return problem;
        }, cancellationToken).ConfigureAwait(false);
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
