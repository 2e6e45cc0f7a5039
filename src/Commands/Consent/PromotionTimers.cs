using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>
/// The moments of a scheduled promotion. The notice posts a card with Veto and Postpone. At the time, the bot checks
/// again — the release is still active, its latest verdict is not Fail — and says the promotion for the person who
/// scheduled it, through the same checks a typed one passes (their role, freezes, approvals, the release's rules).
/// A timer that finds its schedule moved, decided or not yet due does nothing, so an old timer never acts.
/// </summary>
public sealed partial class PromotionTimers(
    IReleaseStore store,
    CommandHandler commands,
    DecisionCards cards,
    ReplyPoster replies,
    ConsentSettings settings,
    TimeProvider time,
    ILogger<PromotionTimers> logger)
{
    /// <summary>How early a timer may ring and still count (job queues run delayed jobs at or slightly after their time).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    public Task RingAsync(string releaseId, string scheduleId, PromotionTimer timer, CancellationToken cancellationToken) =>
        timer == PromotionTimer.Notice ? NoticeAsync(releaseId, scheduleId, cancellationToken) : PromoteAsync(releaseId, scheduleId, cancellationToken);

    private async Task NoticeAsync(string releaseId, string scheduleId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.UpdateAsync(releaseId, release =>
        {
            if (release.FindSchedule(scheduleId) is not { IsPending: true, Noticed: false } schedule || now + Slack < schedule.At - settings.NoticeBefore)
            {
                return false;
            }

            schedule.Noticed = true;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!due)
        {
            return;
        }

        var stored = (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false))!;
        var messageId = await cards.PostAsync(stored.Conversation, NoticeCard.For(stored, stored.FindSchedule(scheduleId)!, now), cancellationToken).ConfigureAwait(false);
        if (messageId is not null)
        {
            await store.UpdateAsync(releaseId, r => r.FindSchedule(scheduleId)!.NoticeMessageId = messageId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PromoteAsync(string releaseId, string scheduleId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // Claimed once: a second ring (a retried job) finds it no longer pending.
        var claimed = await store.UpdateAsync(releaseId, release =>
        {
            if (release.FindSchedule(scheduleId) is not { IsPending: true } schedule || now + Slack < schedule.At)
            {
                return null;
            }

            (schedule.State, schedule.Outcome, schedule.FinishedAt) = (ScheduleState.Done, "carrying it out", now);
            release.Revision++;
            return new { Schedule = schedule, Problem = Stopper(release) };
        }, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return;
        }

        var schedule = claimed.Schedule;
        Reply reply;
        if (claimed.Problem is { } problem)
        {
            reply = Reply.Refused(problem);
        }
        else
        {
            var request = new ChatRequest(schedule.Command, schedule.RequestedBy, schedule.Conversation) { Origin = RequestOrigin.Schedule };
            reply = (await commands.HandleAsync(request, cancellationToken).ConfigureAwait(false)).Reply;
        }

        var done = reply.Kind is ReplyKind.Accepted or ReplyKind.Success;
        await store.UpdateAsync(releaseId, release =>
        {
            var stored = release.FindSchedule(scheduleId)!;
            (stored.State, stored.Outcome) = (done ? ScheduleState.Done : ScheduleState.NotDone, reply.Text);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        LogRang(logger, scheduleId, schedule.Command, done);

        var text = $"Scheduled promotion {scheduleId} (`{schedule.Command}`, asked by {schedule.RequestedBy.DisplayName}): "
            + (done ? "carried out. " : "not carried out. ") + reply.Text;
        await replies.PostAsync(schedule.Conversation, done ? Reply.Accepted(text) : Reply.Failure(text), cancellationToken).ConfigureAwait(false);
        var after = (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false))!;
        var decided = after.FindSchedule(scheduleId)!;
        await cards.UpdateAsync(after.Conversation, decided.NoticeMessageId, NoticeCard.For(after, decided, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What stops a scheduled promotion before it is even said: the release gone, failed, or judged Fail.</summary>
    private static string? Stopper(Release release) =>
        !release.IsActive || release.State == ReleaseState.Failed
            ? $"{release.App}'s release {release.Id} is {ReleaseRules.Describe(release.State)}, so there is nothing to promote."
            : release.LastVerdict is { Outcome: VerdictOutcome.Fail } verdict
                ? $"The latest verdict on {release.App}'s canary is Fail ({verdict.Headline}), so I did not promote it. `compare {release.App}` shows the evidence."
                : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled promotion {ScheduleId} ({Command}) rang; carried out: {Done}")]
    private static partial void LogRang(ILogger logger, string scheduleId, string command, bool done);
}
