using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// What the watch of a baking step does by itself — roll back or pause on Fail, pause when Inconclusive too long, move
/// to the next step — each an atomic change of the stored release (re-checked against the rules), an audit entry with
/// the evidence, and a message in the release's thread. Repeated news (still inconclusive, ready) is told once a step.
/// </summary>
public sealed partial class WatchActions(
    IReleaseStore store,
    IReleaseJobs jobs,
    ReplyPoster replies,
    ReleaseCards cards,
    IAuditLog audit,
    Consent.ApprovalDesk approvals,
    Consent.FreezeGate freezes,
    TimeProvider time,
    ILogger<WatchActions> logger)
{
    /// <summary>Who the watch's decisions are recorded as made by.</summary>
    public const string Actor = "bot (analysis)";

    public async Task OnFailAsync(Release release, AppSpec app, ComparisonReport report, CancellationToken cancellationToken)
    {
        var rollback = app.Analysis.OnFail == FailAction.Rollback;
        var trigger = rollback ? ReleaseTrigger.Rollback : ReleaseTrigger.Pause;
        if (!await ChangeAsync(release.Id, trigger, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var step = release.CurrentPlanStep is { } current ? $"step {current.Name}" : "the canary";
        var action = rollback
            ? $"I am rolling {app.Name} back to {release.FromVersion} (Apps:{app.Name}:Analysis:OnFail is Rollback)."
            : $"I paused the release; the canary keeps its share until someone says `rollback {app.Name}` or `resume {app.Name}` (Apps:{app.Name}:Analysis:OnFail is Pause).";
        var text = $"{app.Name}: the analysis of {step} says {report.Verdict.Headline} {action}\n{report.Text}";
        await TellAsync(release, Reply.Failure(text) with { Image = report.Image }, rollback ? "automatic rollback" : "automatic pause", text, cancellationToken)
            .ConfigureAwait(false);
        if (rollback)
        {
            Enqueue(release.Id);
        }
    }

    /// <summary>Returns whether to keep watching: no, once the deadline passed and the release is paused.</summary>
    public async Task<bool> OnInconclusiveAsync(Release release, AppSpec app, PlanStep step, ComparisonReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = await store.UpdateAsync(release.Id, r => r.InconclusiveSince ??= now, cancellationToken).ConfigureAwait(false);
        var deadline = since + app.Analysis.InconclusiveDeadline;
        if (now >= deadline)
        {
            if (await ChangeAsync(release.Id, ReleaseTrigger.Pause, cancellationToken).ConfigureAwait(false))
            {
                var text = $"{app.Name}: step {step.Name} has been inconclusive for {Texts.Duration(now - since)} ({report.Verdict.Headline}) "
                    + $"I paused the release and need a person: `compare {app.Name}` to look, then `resume {app.Name}`, `promote {app.Name} next` "
                    + $"after resuming, or `rollback {app.Name}`.";
                await TellAsync(release, Reply.Failure(text) with { Image = report.Image }, "automatic pause (inconclusive)", text, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        await NoticeAsync(release, $"inconclusive:{release.PlanIndex}",
            $"{app.Name}: step {step.Name} keeps baking — the analysis is inconclusive: {report.Verdict.Headline} I look again every "
            + $"{Texts.Duration(app.Analysis.Interval)}; if it is still inconclusive at {Texts.Until(deadline, now)} I'll pause and ask.", cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>The step baked and passed: move on (auto, no approval needed) or say it may. Returns whether to keep watching.</summary>
    public async Task<bool> OnReadyAsync(Release release, AppSpec app, PlanStep? step, CancellationToken cancellationToken)
    {
        if (release.NextPlanStep() is not { } next)
        {
            return false;
        }

        var done = step is null ? "The canary is deployed" : $"Step {step.Name} has baked {Texts.Duration(step.Bake)}" + (step.Analysis ? " and its analysis passes" : string.Empty);
        if (!release.Auto)
        {
            await NoticeAsync(release, $"ready:{release.PlanIndex}",
                $"{app.Name}: {done}; the next step is {next.Step.Name} ({next.Step.Action}) — say `promote {app.Name} next` to go on.", cancellationToken)
                .ConfigureAwait(false);
            return true;
        }

        if (release.UnapprovedGate(next.Index) is { } gate)
        {
            var starter = release.Starter ?? new Actor("bot", "plan", Actor);
            var (approval, _) = await approvals.RaiseAsync(release, app, gate, starter, "the plan asks for approval here", $"promote {app.Name} next", cancellationToken)
                .ConfigureAwait(false);
            await NoticeAsync(release, $"approval:{approval.Id}",
                $"{app.Name}: {done}; step {approval.StepText} needs approval — request {approval.Id} is above. Once approved I go on by myself.", cancellationToken)
                .ConfigureAwait(false);
            return true;
        }

        if (await freezes.FindAsync(app.Name, cancellationToken).ConfigureAwait(false) is { } freeze)
        {
            await NoticeAsync(release, $"freeze:{release.PlanIndex}",
                $"{app.Name}: {done}; step {next.Step.Name} waits: {freeze.Describe(app.Name)}. I go on once it ends.", cancellationToken).ConfigureAwait(false);
            return true;
        }

        var now = time.GetUtcNow();
        var moved = await store.UpdateAsync(release.Id, r =>
        {
            if (r.NextPlanStep()?.Index != next.Index || r.HasOpenSteps || !ReleaseRules.Decide(r, r.PlanTrigger(next.Index)).Allowed)
            {
                return false;
            }

            r.AcceptPlanStep(next.Index, Actor, r.Conversation, now);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (moved)
        {
            var text = $"{app.Name}: {done}; moving on to step {next.Step.Name} ({next.Step.Action}).";
            await TellAsync(release, Reply.Accepted(text), $"automatic promotion to step {next.Step.Name}", text, cancellationToken).ConfigureAwait(false);
            Enqueue(release.Id);
        }

        return false;
    }

    /// <summary>Applies a rollback or pause to the stored release if the rules still allow it.</summary>
    private async Task<bool> ChangeAsync(string releaseId, ReleaseTrigger trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await store.UpdateAsync(releaseId, r =>
        {
            if (r.State != ReleaseState.Canary || !ReleaseRules.Decide(r, trigger).Allowed)
            {
                return false;
            }

            r.Accept(trigger, null, Actor, r.Conversation, now);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task NoticeAsync(Release release, string key, string text, CancellationToken cancellationToken)
    {
        var fresh = await store.UpdateAsync(release.Id, r =>
        {
            if (r.WatchNotice == key)
            {
                return false;
            }

            r.WatchNotice = key;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (fresh)
        {
            await replies.PostAsync(release.Conversation, Reply.Info(text), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TellAsync(Release release, Reply reply, string action, string evidence, CancellationToken cancellationToken)
    {
        LogDecision(logger, release.Id, action);
        await replies.PostAsync(release.Conversation, reply, cancellationToken).ConfigureAwait(false);
        var entry = new AuditEntry(time.GetUtcNow(), Actor, release.Conversation.ToString(), release.App, release.Id, action, AuditOutcome.Accepted, evidence);
        try
        {
            await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditLost(logger, release.Id, action, ex);
        }

        await cards.ShowAsync(release.Id, cancellationToken).ConfigureAwait(false);
    }

    private void Enqueue(string releaseId)
    {
        try
        {
            jobs.EnqueueOpenSteps(releaseId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The step is stored; the open-steps recovery at the next start carries it out.
            LogQueueFailed(logger, releaseId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release {ReleaseId}: the watch decided on {Action}")]
    private static partial void LogDecision(ILogger logger, string releaseId, string action);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: could not write the audit entry of {Action}")]
    private static partial void LogAuditLost(ILogger logger, string releaseId, string action, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: the job queue refused the watch's step")]
    private static partial void LogQueueFailed(ILogger logger, string releaseId, Exception exception);
}
