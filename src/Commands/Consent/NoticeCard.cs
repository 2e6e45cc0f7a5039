using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>A scheduled promotion's notice as a card: what happens when, with Veto and Postpone while it is pending.</summary>
public static class NoticeCard
{
    public static DecisionCard For(Release release, ScheduledPromotion schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = TimeZones.Find(schedule.TimeZone) ?? NodaTime.DateTimeZone.Utc;
        var fields = new List<CardField>
        {
            new("Release", $"{release.App} {release.FromVersion} → {release.ToVersion} ({release.Id})"),
            new("Promotion", $"`{schedule.Command}` ({schedule.What})"),
            new("When", TimeZones.Describe(schedule.At, zone) + (schedule.IsPending ? $", {Texts.FromNow(schedule.At, now)}" : string.Empty)),
            new("Scheduled by", schedule.RequestedBy.ToString()),
        };
        var actions = schedule.IsPending
            ? new List<CardAction>
            {
                new("veto", "Veto", $"veto {schedule.Id}", CardActionStyle.Danger,
                    new CardConfirm($"Veto the promotion of {release.App}?", $"`{schedule.Command}` will not happen at its time.", "Veto", "Cancel")),
                new("postpone-30m", "Postpone 30 min", $"postpone {schedule.Id} 30m", CardActionStyle.Default),
                new("postpone-1h", "Postpone 1 h", $"postpone {schedule.Id} 1h", CardActionStyle.Default),
            }
            : [];
        var context = schedule.IsPending
            ? $"Scheduled promotion {schedule.Id} · the bot checks again at its time (release active, verdict not Fail, no freeze, approvals) before it promotes"
            : $"Scheduled promotion {schedule.Id} · {schedule.State}: {schedule.Outcome}";
        return new DecisionCard($"schedule:{schedule.Id}", $"Coming up: {release.App} {schedule.What}", fields, context, actions);
    }
}
