using System.Globalization;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Metrics;

/// <summary>One side of a release's comparison: its track name, the version it runs, and how a sentence names it.</summary>
internal sealed record MetricSide(string Track, string Version, string Description)
{
    public const string StableTrack = "stable";

    public const string CanaryTrack = "canary";

    /// <summary>The stable side (the release's <see cref="Release.FromVersion"/>) and the canary (<see cref="Release.ToVersion"/>).</summary>
    public static (MetricSide Stable, MetricSide Canary) Of(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return (new MetricSide(StableTrack, release.FromVersion, "the stable version"), new MetricSide(CanaryTrack, release.ToVersion, "the canary"));
    }
}

/// <summary>Words metric sources share in their "no data" reasons.</summary>
internal static class MetricTexts
{
    /// <summary>"15 min", "2 h", "90 min", "30 s".</summary>
    public static string Length(TimeSpan length) => length switch
    {
        { TotalHours: >= 1 } when length.Ticks % TimeSpan.TicksPerHour == 0 => $"{length.TotalHours.ToString("0", CultureInfo.InvariantCulture)} h",
        { TotalMinutes: >= 1 } when length.Ticks % TimeSpan.TicksPerMinute == 0 => $"{length.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min",
        _ => $"{length.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
    };

    /// <summary>The UTC time with milliseconds, as Elasticsearch and Kibana write it: <c>2026-11-26T10:00:00.000Z</c>.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
