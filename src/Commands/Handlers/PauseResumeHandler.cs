using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>pause</c> and <c>resume</c>: hold a release (every wave: only one runs at a time) or let it move again. Neither
/// touches the cluster. While paused the watch stops; resuming starts it again with a fresh inconclusive deadline.
/// </summary>
public sealed class PauseResumeHandler(ReleaseResolver resolver, IReleaseStore store, ReleaseWatch watch, TimeProvider time)
{
    public async Task<Outcome> HandleAsync(Command command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (trigger, target) = command switch
        {
            PauseCommand p => (ReleaseTrigger.Pause, p.Target),
            ResumeCommand r => (ReleaseTrigger.Resume, r.Target),
            _ => throw new ArgumentException($"Not a pause or resume command: {command.GetType().Name}", nameof(command)),
        };
        var (release, app, refusal) = await resolver.ResolveAsync(target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        var now = time.GetUtcNow();
        var (problem, cancelled, watched) = await store.UpdateAsync(release.Id, stored =>
        {
            var transition = ReleaseRules.Decide(stored, trigger);
            if (!transition.Allowed)
            {
                return (transition.Refusal, 0, false);
            }

            var queued = stored.Steps.Count(s => s.Status == StepStatus.Pending && s.Kind == StepKind.SetWeight);
            stored.Accept(trigger, null, request.Actor.ToString(), request.Conversation, now);
            if (trigger == ReleaseTrigger.Resume)
            {
                (stored.InconclusiveSince, stored.WatchNotice, stored.NextLookAt) = (null, null, null);
            }

            return ((string?)null, trigger == ReleaseTrigger.Pause ? queued : 0, trigger == ReleaseTrigger.Resume && ReleaseWatch.Watches(stored));
        }, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return Outcome.Refused(problem, app.Name, release.Id);
        }

        if (watched)
        {
            watch.Start(release.Id, now);
        }

        var text = trigger == ReleaseTrigger.Pause
            ? $"Paused {app.Name}'s release {release.ToVersion} with the canary at {release.EffectiveWeight}%. "
                + (cancelled == 0 ? string.Empty : $"{Texts.Plural(cancelled, "queued promotion")} will not run. ")
                + $"Promotions are refused until `resume {app.Name}` (a rollback still works)."
            : $"Resumed {app.Name}'s release {release.ToVersion}; it can be promoted again (canary at {release.EffectiveWeight}%).";
        return Outcome.Accepted(text, app.Name, release.Id);
    }
}
