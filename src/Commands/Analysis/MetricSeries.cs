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
    public TimeSpan Length => To - From;
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
