using NodaTime;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>IANA time zones from the tz database NodaTime carries (so the machine's own zone files do not matter).</summary>
public static class TimeZones
{
    /// <summary>The zone an id names (any case; <c>UTC</c>, <c>Z</c> and <c>GMT</c> mean UTC), or null.</summary>
    public static DateTimeZone? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        if (id.Trim().ToUpperInvariant() is "UTC" or "Z" or "GMT")
        {
            return DateTimeZone.Utc;
        }

        var provider = DateTimeZoneProviders.Tzdb;
        var name = provider.Ids.FirstOrDefault(z => string.Equals(z, id.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null ? null : provider[name];
    }

    /// <summary>An instant as people there read it, e.g. "2026-11-27 14:30 Asia/Shanghai (06:30 UTC)".</summary>
    public static string Describe(DateTimeOffset at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = Instant.FromDateTimeOffset(at).InZone(zone);
        var text = $"{local.Date:yyyy-MM-dd} {local.TimeOfDay:HH:mm} {zone.Id}";
        return zone == DateTimeZone.Utc ? text : $"{text} ({at.UtcDateTime:yyyy-MM-dd HH:mm} UTC)";
    }
}
