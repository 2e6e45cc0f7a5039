using ChatOpsRelease.Commands.Consent;
using NodaTime;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>
/// A moment as typed: <c>in 2h</c>, or <c>at 14:30</c>, <c>at tomorrow 09:00</c>, <c>at 2026-12-01 14:30</c>, each
/// optionally followed by a time zone (<c>Asia/Shanghai</c>, <c>UTC</c>). Made an instant by <see cref="Resolve"/>,
/// which knows the clock and the default zone.
/// </summary>
public sealed record WhenSpec(TimeSpan? Delay, LocalDate? Date, LocalTime Time, bool Tomorrow, string? Zone, string Shown)
{
    /// <summary>The furthest ahead a moment may be.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    /// <summary>The instant and the zone it was read in, or a sentence saying why it cannot be used.</summary>
    public (DateTimeOffset At, DateTimeZone Zone)? Resolve(DateTimeOffset now, string defaultZone, out string? error)
    {
        error = null;
        var zone = TimeZones.Find(Zone ?? defaultZone) ?? DateTimeZone.Utc;
        DateTimeOffset at;
        if (Delay is { } delay)
        {
            at = now + delay;
        }
        else
        {
            var today = Instant.FromDateTimeOffset(now).InZone(zone).Date;
            var date = Date ?? (Tomorrow ? today.PlusDays(1) : today);
            at = date.At(Time).InZoneLeniently(zone).ToDateTimeOffset();
            if (at <= now && Date is null && !Tomorrow)
            {
                at = date.PlusDays(1).At(Time).InZoneLeniently(zone).ToDateTimeOffset(); // 09:00 said at 10:00 means tomorrow's
            }
        }

        if (at <= now)
        {
            error = $"`{Shown}` is in the past (it is {TimeZones.Describe(now, zone)} now).";
            return null;
        }

        if (at - now > Horizon)
        {
            error = $"`{Shown}` is more than {Horizon.TotalDays:0} days ahead; schedule something nearer.";
            return null;
        }

        return (at, zone);
    }
}
