using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Commands.Tests.Analysis;

/// <summary>Comparison data for tests: counts spread evenly over 30 buckets of 30 s (the last 15 min before 10:00Z).</summary>
internal static class Samples
{
    public const string Query = "sum by (version) (rate(http_requests_total{app=\"checkout\"}[30s]))";
    public static readonly DateTimeOffset End = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly MetricWindow Window = new(End.AddMinutes(-15), End, TimeSpan.FromSeconds(30));

    public static ComparisonData Data(
        long stableRequests,
        long stableErrors,
        long canaryRequests,
        long canaryErrors,
        double? stableP95 = 0.2,
        double? canaryP95 = 0.2,
        string? link = null) =>
        new(Series("stable", "v1.0.0", stableRequests, stableErrors, stableP95),
            Series("canary", "v2.0.0", canaryRequests, canaryErrors, canaryP95),
            Window,
            Query,
            link);

    /// <summary>One side's buckets: the counts split as evenly as whole numbers allow, every bucket with the same p95.</summary>
    public static VersionSeries Series(string track, string version, long requests, long errors, double? p95, int buckets = 30)
    {
        var list = new List<MetricBucket>();
        for (var i = 0; i < buckets; i++)
        {
            list.Add(new MetricBucket(Window.From + (Window.Step * i), Share(requests, buckets, i), Share(errors, buckets, i), null, p95, null));
        }

        return new VersionSeries(track, version, list);
    }

    private static long Share(long total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);
}
