using Cronos;
using NodaTime;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>
/// A freeze from configuration that comes back by the calendar: it starts at every occurrence of <see cref="Cron"/>
/// (five fields, read as wall-clock time in <see cref="TimeZone"/>) and lasts <see cref="Duration"/>. Weekends:
/// <c>0 18 * * FRI</c> for 62 hours; a holiday: <c>0 0 24 12 *</c> for 3 days.
/// </summary>
public sealed record CalendarFreeze(string Name, string Cron, TimeSpan Duration, string TimeZone, IReadOnlyList<string> Apps, string Reason)
{
    /// <summary>What is wrong with it, or null: for start-up validation.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "needs a Name";
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromDays(31))
        {
            return $"Duration {Duration} must be more than zero and at most 31 days";
        }

        if (Consent.TimeZones.Find(TimeZone) is null)
        {
            return $"TimeZone `{TimeZone}` is not a time zone I know (use an IANA id such as Europe/Berlin)";
        }

        return CronExpression.TryParse(Cron, out _) ? null : $"Cron `{Cron}` is not a five-field cron expression";
    }

    public bool CoversApp(string app) => Apps.Count == 0 || Apps.Contains("*") || Apps.Contains(app, StringComparer.OrdinalIgnoreCase);

    /// <summary>When the freeze in force at <paramref name="now"/> ends, or null when it is not in force.</summary>
    public DateTimeOffset? EndsAfter(DateTimeOffset now)
    {
        var zone = Consent.TimeZones.Find(TimeZone) ?? DateTimeZone.Utc;
        var expression = CronExpression.Parse(Cron);

        // Cron is wall-clock time in the zone: walk the zone's local clock (as if it were UTC), then map back.
        var localNow = Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime;
        var localNowAsUtc = DateTime.SpecifyKind(localNow.ToDateTimeUnspecified(), DateTimeKind.Utc);
        var from = localNowAsUtc - Duration - TimeSpan.FromHours(3); // DST shifts can stretch a window by an hour or two
        DateTimeOffset? end = null;
        foreach (var start in expression.GetOccurrences(from, localNowAsUtc, fromInclusive: true, toInclusive: true))
        {
            var startAt = LocalDateTime.FromDateTime(start).InZoneLeniently(zone).ToDateTimeOffset();
            var endsAt = startAt + Duration;
            if (startAt <= now && now < endsAt && (end is null || endsAt > end))
            {
                end = endsAt;
            }
        }

        return end;
    }
}
