namespace ChatOpsRelease.Commands.Analysis;

/// <summary>One time bucket of one version: how many requests, how many failed, and latency quantiles (seconds) when known.</summary>
public sealed record MetricBucket(DateTimeOffset Start, long Requests, long Errors, double? P50, double? P95, double? P99);

/// <summary>The buckets of one side of the comparison: <c>stable</c> or <c>canary</c>, and the version it ran.</summary>
public sealed record VersionSeries(string Track, string Version, IReadOnlyList<MetricBucket> Buckets)
{
    public long Requests => Buckets.Sum(b => b.Requests);

    public long Errors => Buckets.Sum(b => b.Errors);

    public double? ErrorRate => Requests == 0 ? null : (double)Errors / Requests;
}

/// <summary>The time window asked for, and the bucket size.</summary>
public sealed record MetricWindow(DateTimeOffset From, DateTimeOffset To, TimeSpan Step)
{
    /// <summary>The shortest bucket: finer than scrape intervals is noise.</summary>
    public static readonly TimeSpan ShortestStep = TimeSpan.FromSeconds(5);

    /// <summary>The most buckets a window is cut into.</summary>
    public const int MostBuckets = 60;

    // Round bucket sizes, each at most twice the one before, so the chosen one always gives more than 30 buckets.
    private static readonly TimeSpan[] Steps =
        new[] { 5, 10, 15, 20, 30, 60, 120, 180, 240, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400 }
            .Select(seconds => TimeSpan.FromSeconds(seconds))
            .ToArray();

    public TimeSpan Length => To - From;

    /// <summary>
    /// The <paramref name="length"/> before <paramref name="to"/>, in round buckets: the smallest that cuts it into at most
    /// 60 (so 30 to 60 buckets, fewer only for windows under 2.5 min, where buckets stay at 5 s).
    /// </summary>
    public static MetricWindow Ending(DateTimeOffset to, TimeSpan length)
    {
        if (length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A window has a positive length.");
        }

        var step = Steps.FirstOrDefault(s => length.Ticks <= s.Ticks * MostBuckets, Steps[^1]);
        return new MetricWindow(to - length, to, step);
    }
}

/// <summary>
/// What a metric source found for a release: both sides over the window, the query that produced them (so a verdict
/// can show its evidence) and, where the source has one, a link to look at the same data (e.g. Kibana Discover).
/// </summary>
public sealed record ComparisonData(VersionSeries Stable, VersionSeries Canary, MetricWindow Window, string Query, string? Link = null);

/// <summary>A source's answer: the data, or why there is none ("no data" is never zeros).</summary>
public sealed record MetricsResult(ComparisonData? Data, string? NoData)
{
    public static MetricsResult Found(ComparisonData data) => new(data, null);

    public static MetricsResult Missing(string reason) => new(null, reason);
}
