using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>What Prometheus answered for the five queries of one side.</summary>
internal sealed record PrometheusSideAnswers(
    IReadOnlyList<PrometheusSeries> Requests,
    IReadOnlyList<PrometheusSeries> Errors,
    IReadOnlyList<PrometheusSeries> P50,
    IReadOnlyList<PrometheusSeries> P95,
    IReadOnlyList<PrometheusSeries> P99);

/// <summary>
/// Turns rates into buckets. A bucket exists where the requests query has a sample; its counts are rate × step,
/// rounded. Several series are added up (counts) or the largest taken (latency). An error series that is absent
/// (no failing request has ever been counted) means no errors; an absent latency quantile means unknown.
/// </summary>
internal static class PrometheusBuckets
{
    public static IReadOnlyList<MetricBucket> Build(PrometheusRange range, PrometheusSideAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(answers);
        var requests = Combine(answers.Requests, Enumerable.Sum);
        var errors = Combine(answers.Errors, Enumerable.Sum);
        var p50 = Combine(answers.P50, Enumerable.Max);
        var p95 = Combine(answers.P95, Enumerable.Max);
        var p99 = Combine(answers.P99, Enumerable.Max);
        var buckets = new List<MetricBucket>(requests.Count);
        foreach (var (at, rate) in requests.OrderBy(r => r.Key))
        {
            var requestCount = range.Count(rate);
            var errorCount = Math.Min(requestCount, errors.TryGetValue(at, out var errorRate) ? range.Count(errorRate) : 0);
            buckets.Add(new MetricBucket(range.BucketStart(at), requestCount, errorCount, Known(p50, at), Known(p95, at), Known(p99, at)));
        }

        return buckets;
    }

    /// <summary>Whether any series has a finite sample.</summary>
    public static bool HasData(IReadOnlyList<PrometheusSeries> series) => series.Any(s => s.Samples.Any(p => p.Value is not null));

    private static double? Known(Dictionary<DateTimeOffset, double> values, DateTimeOffset at) => values.TryGetValue(at, out var value) ? value : null;

    private static Dictionary<DateTimeOffset, double> Combine(IReadOnlyList<PrometheusSeries> series, Func<IEnumerable<double>, double> combine) =>
        series.SelectMany(s => s.Samples)
            .Where(p => p.Value is not null)
            .GroupBy(p => p.At)
            .ToDictionary(g => g.Key, g => combine(g.Select(p => p.Value!.Value)));
}
