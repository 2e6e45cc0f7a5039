using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>
/// <c>schedule promote|list|cancel</c>, <c>veto</c> and <c>postpone</c>. A schedule is stored with its release and
/// carried by two durable timers (its notice and its time); moving it leaves the old timers to find nothing due.
/// </summary>
public sealed partial class ScheduleHandler(
    ReleaseResolver resolver,
    ConsentLookup lookup,
    IReleaseStore store,
    ApprovalDesk approvals,
    FreezeGate freezes,
    ConsentSettings settings,
    IReleaseJobs jobs,
    DecisionCards cards,
    TimeProvider time,
    ILogger<ScheduleHandler> logger)
{
    public async Task<Outcome> ScheduleAsync(SchedulePromoteCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Promote.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        if (!release.IsActive || release.State == ReleaseState.Failed)
        {
            return Outcome.Refused($"{app.Name}'s release {release.Id} is {ReleaseRules.Describe(release.State)}; there is nothing to promote later.", app.Name, release.Id);
        }

        var now = time.GetUtcNow();
        if (command.When.Resolve(now, settings.TimeZone, out var whenError) is not { } when)
        {
            return Outcome.Refused(whenError!, app.Name, release.Id);
        }

        var (said, what, through) = command.Promote.Kind switch
        {
            PromoteKind.Full => ($"promote {app.Name} full", "to everyone", release.Plan?.Steps.Count - 1 ?? -1),
            PromoteKind.Next => ($"promote {app.Name} next", "to the next plan step", release.NextPlanStep()?.Index ?? -1),
            _ => ($"promote {app.Name} {command.Promote.Weight}%", $"to {command.Promote.Weight}%", release.PlanIndexForWeight(command.Promote.Weight!.Value)),
        };
        var schedule = new ScheduledPromotion
        {
            Id = ConsentLookup.NewId('s'), Command = said, What = what, At = when.At, TimeZone = when.Zone.Id,
            RequestedBy = request.Actor, Conversation = release.Conversation, CreatedAt = now,
        };
        await store.UpdateAsync(release.Id, r =>
        {
            r.Schedules.Add(schedule);
            r.Revision++;
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        var timers = SetTimers(release.Id, schedule, now);
        var notes = await NotesAsync(release, app, through, schedule, request.Actor, cancellationToken).ConfigureAwait(false);
        return Outcome.Accepted(
            $"Scheduled {schedule.Id}: `{said}` at {TimeZones.Describe(schedule.At, when.Zone)}, {Texts.FromNow(schedule.At, now)}. "
            + $"A notice with Veto and Postpone comes {Texts.Duration(settings.NoticeBefore)} before; `schedule cancel {schedule.Id}` cancels it."
            + timers + notes,
            app.Name,
            release.Id);
    }

    public async Task<Outcome> ListAsync(ScheduleListCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var pending = (await store.ActiveAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => command.App is null || string.Equals(r.App, command.App, StringComparison.OrdinalIgnoreCase))
            .SelectMany(r => r.Schedules.Where(s => s.IsPending).Select(s => (Release: r, Schedule: s)))
            .OrderBy(p => p.Schedule.At)
            .ToList();
        if (pending.Count == 0)
        {
            return Outcome.Answered(command.App is null ? "No promotions are scheduled." : $"No promotions of {command.App} are scheduled.", command.App);
        }

        var lines = pending.Select(p => $"• {p.Schedule.Id}: `{p.Schedule.Command}` at "
            + $"{TimeZones.Describe(p.Schedule.At, TimeZones.Find(p.Schedule.TimeZone) ?? NodaTime.DateTimeZone.Utc)}, {Texts.FromNow(p.Schedule.At, now)} — by {p.Schedule.RequestedBy.DisplayName}");
        return Outcome.Answered($"Scheduled promotions:\n{string.Join('\n', lines)}", command.App);
    }

    /// <summary><c>schedule cancel</c> and <c>veto</c>: the promotion will not happen.</summary>
    public async Task<Outcome> CancelAsync(string id, bool veto, string reason, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var verb = veto ? "vetoed" : "cancelled";
        var note = $"{verb} by {request.Actor}" + (string.IsNullOrWhiteSpace(reason) ? string.Empty : $": {Texts.Quote(reason)}");
        return await ChangeAsync(id, cancellationToken, (release, schedule) =>
        {
            (schedule.State, schedule.Outcome, schedule.FinishedAt) = (veto ? ScheduleState.Vetoed : ScheduleState.Cancelled, note, now);
            return $"{char.ToUpperInvariant(verb[0])}{verb[1..]} {id}: `{schedule.Command}` will not happen"
                + (string.IsNullOrWhiteSpace(reason) ? "." : $" ({Texts.Quote(reason)}).");
        }).ConfigureAwait(false);
    }

    public async Task<Outcome> PostponeAsync(PostponeCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        ScheduledPromotion? moved = null;
        var outcome = await ChangeAsync(command.Id, cancellationToken, (release, schedule) =>
        {
            (schedule.At, schedule.Noticed, schedule.NoticeMessageId) = (schedule.At + command.By, false, null);
            schedule.Postponements++;
            moved = schedule;
            var zone = TimeZones.Find(schedule.TimeZone) ?? NodaTime.DateTimeZone.Utc;
            return $"Postponed {schedule.Id} by {Texts.Duration(command.By)} (asked by {request.Actor.DisplayName}): `{schedule.Command}` now at "
                + $"{TimeZones.Describe(schedule.At, zone)}, {Texts.FromNow(schedule.At, now)}. A new notice comes {Texts.Duration(settings.NoticeBefore)} before.";
        }).ConfigureAwait(false);
        if (moved is not null && outcome.Audit == AuditOutcome.Accepted && outcome.ReleaseId is { } releaseId)
        {
            outcome = outcome with { Reply = outcome.Reply with { Text = outcome.Reply.Text + SetTimers(releaseId, moved, now) } };
        }

        return outcome;
    }

    /// <summary>Finds a pending schedule, changes it atomically, and redraws its notice card.</summary>
    private async Task<Outcome> ChangeAsync(string id, CancellationToken cancellationToken, Func<Release, ScheduledPromotion, string> change)
    {
        if (await lookup.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } found || found.FindSchedule(id) is not { } before)
        {
            return Outcome.Refused($"I know no scheduled promotion `{id}`. `schedule list` shows the pending ones.");
        }

        var noticeId = before.NoticeMessageId;
        var (text, done) = await store.UpdateAsync(found.Id, release =>
        {
            var schedule = release.FindSchedule(id)!;
            if (!schedule.IsPending)
            {
                return ($"Scheduled promotion {id} is no longer pending — {schedule.State}: {schedule.Outcome}. Nothing was changed.", false);
            }

            release.Revision++;
            return (change(release, schedule), true);
        }, cancellationToken).ConfigureAwait(false);
        if (!done)
        {
            return Outcome.Refused(text, found.App, found.Id);
        }

        var stored = (await store.GetAsync(found.Id, cancellationToken).ConfigureAwait(false))!;
        var card = NoticeCard.For(stored, stored.FindSchedule(id)!, time.GetUtcNow());
        await cards.UpdateAsync(stored.Conversation, noticeId, card with { Actions = [], Context = card.Context + (card.Actions.Count > 0 ? " · moved: a new notice follows" : string.Empty) },
            cancellationToken).ConfigureAwait(false);
        return Outcome.Accepted(text, found.App, found.Id);
    }

    /// <summary>Sets the notice's and the promotion's timers; returns a sentence when the job queue refused them.</summary>
    private string SetTimers(string releaseId, ScheduledPromotion schedule, DateTimeOffset now)
    {
        try
        {
            var notice = schedule.At - settings.NoticeBefore;
            jobs.SchedulePromotionTimer(releaseId, schedule.Id, PromotionTimer.Notice, notice > now ? notice : now);
            jobs.SchedulePromotionTimer(releaseId, schedule.Id, PromotionTimer.Promote, schedule.At);
            return string.Empty;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTimersRefused(logger, schedule.Id, ex);
            return " But the job queue did not take its timers, so it will not happen by itself: cancel it and schedule again, or promote by hand.";
        }
    }

    /// <summary>What stands in the way at the scheduled time, as far as is known now: a freeze, a missing approval (asked for at once).</summary>
    private async Task<string> NotesAsync(Release release, AppSpec app, int through, ScheduledPromotion schedule, Actor actor, CancellationToken cancellationToken)
    {
        var notes = string.Empty;
        if (await freezes.FindAsync(app.Name, schedule.At, cancellationToken).ConfigureAwait(false) is { } freeze)
        {
            notes += $"\nNote: {freeze.Describe(app.Name)} — at that time the promotion will be refused unless the freeze has ended.";
        }

        if (release.UnapprovedGate(through) is { } gate && !await approvals.CanApproveOwnAsync(actor, app, cancellationToken).ConfigureAwait(false))
        {
            var (approval, _) = await approvals.RaiseAsync(release, app, gate, actor, $"for scheduled promotion {schedule.Id}", null, cancellationToken, schedule.At)
                .ConfigureAwait(false);
            notes += $"\nStep {approval.StepText} needs approval before then: request {approval.Id} is in the release's thread.";
        }

        return notes;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The job queue refused the timers of scheduled promotion {ScheduleId}")]
    private static partial void LogTimersRefused(ILogger logger, string scheduleId, Exception exception);
}
