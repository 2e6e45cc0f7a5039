using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>The lines <c>status</c> shows about a release's pending approvals and scheduled promotions.</summary>
public static class ConsentTexts
{
    public static IEnumerable<string> Lines(Release release, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(release);
        foreach (var approval in release.Approvals.Where(a => a.IsPending))
        {
            yield return $"waiting for approval: {approval.Id} for step {approval.StepText}, asked by {approval.RequestedBy.DisplayName}, "
                + $"{approval.Votes.Count} of {approval.Quorum}, expires {Texts.Until(approval.ExpiresAt, now)}";
        }

        foreach (var schedule in release.Schedules.Where(s => s.IsPending).OrderBy(s => s.At))
        {
            var zone = TimeZones.Find(schedule.TimeZone) ?? NodaTime.DateTimeZone.Utc;
            yield return $"scheduled: {schedule.Id} `{schedule.Command}` at {TimeZones.Describe(schedule.At, zone)}, {Texts.FromNow(schedule.At, now)}";
        }
    }
}
