using ChatOpsRelease.Commands.Analysis;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>Reads the sides out of the aggregations of an <see cref="ElasticsearchSearch"/>.</summary>
internal static class ElasticsearchSeries
{
    /// <summary>The buckets of the side whose key is <paramref name="key"/>, or null when the search found no document of it.</summary>
    public static IReadOnlyList<MetricBucket>? Side(AggregateDictionary? aggregations, string key, double unitsPerSecond)
    {
        var side = aggregations?.GetStringTerms(ElasticsearchSearch.Sides)?.Buckets
            .FirstOrDefault(b => b.Key.TryGetString(out var value) && value == key);
        if (side is null || side.DocCount == 0)
        {
            return null;
        }

        var histogram = side.Aggregations?.GetDateHistogram(ElasticsearchSearch.Buckets)?.Buckets ?? [];
        return [.. histogram.OrderBy(b => b.Key).Select(b => Bucket(b, unitsPerSecond))];
    }

    private static MetricBucket Bucket(DateHistogramBucket bucket, double unitsPerSecond)
    {
        var errors = bucket.Aggregations?.GetFilter(ElasticsearchSearch.Errors)?.DocCount ?? 0;
        var percentiles = bucket.Aggregations?.GetTDigestPercentiles(ElasticsearchSearch.Latency)?.Values ?? [];
        double? Seconds(double percent) =>
            percentiles.FirstOrDefault(p => Math.Abs(p.Key - percent) < 1e-9)?.Value is { } value && double.IsFinite(value) ? value / unitsPerSecond : null;

        return new MetricBucket(bucket.Key, bucket.DocCount, Math.Min(errors, bucket.DocCount), Seconds(50), Seconds(95), Seconds(99));
    }
}
