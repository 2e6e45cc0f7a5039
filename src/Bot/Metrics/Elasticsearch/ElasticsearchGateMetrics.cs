using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>
/// An app's own gate metric from Elasticsearch: the share of each side's documents (the documents the comparison
/// counts) that match the metric's query as a <c>query_string</c>, per bucket of the window. A side's value is the mean
/// share over the buckets that have documents; those buckets are its samples.
/// </summary>
internal sealed partial class ElasticsearchGateMetrics(ElasticsearchSearcher searcher, IOptions<ElasticsearchOptions> options, ILogger<ElasticsearchGateMetrics> logger)
{
    public const string Matches = "matches";

    public async Task<MetricReading> ReadAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(window);
        if (string.IsNullOrWhiteSpace(metric.Query))
        {
            return MetricReading.Missing($"the metric {metric.Name} has no Elasticsearch query; give it one (Query, in the query_string syntax)");
        }

        var settings = options.Value;
        var query = metric.Query.Replace("{app}", app.Name, StringComparison.Ordinal).Replace("{namespace}", app.Namespace, StringComparison.Ordinal);
        var (stable, canary) = MetricSide.Of(release);
        var perBucket = new Dictionary<string, Aggregation> { [Matches] = new() { Filter = new QueryStringQuery { Query = query } } };
        var search = ElasticsearchSearch.For(settings, app, stable, canary, window, perBucket, $"the share of documents matching {query}");
        var answer = await searcher.SearchAsync(search.Request, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return MetricReading.Missing(answer.Failure!, search.Description);
        }

        var readings = new List<SideReading>(2);
        foreach (var (side, key) in new[] { (stable, search.StableKey), (canary, search.CanaryKey) })
        {
            var reading = Shares(response.Aggregations, key);
            if (reading.Samples == 0)
            {
                LogNoDocuments(logger, metric.Name, side.Track, app.Name, settings.IndexPattern);
                return MetricReading.Missing(
                    $"Elasticsearch has no documents for {side.Description} of {app.Name} ({search.SideField}: {key}) in the last {MetricTexts.Length(window.Length)} " +
                    $"(index {settings.IndexPattern}, query: {search.Kql})",
                    search.Description);
            }

            readings.Add(reading);
        }

        return new MetricReading(readings[0], readings[1], search.Description, null);
    }

    /// <summary>Per bucket with documents, the share that matched.</summary>
    private static SideReading Shares(AggregateDictionary? aggregations, string key)
    {
        var side = aggregations?.GetStringTerms(ElasticsearchSearch.Sides)?.Buckets.FirstOrDefault(b => b.Key.TryGetString(out var value) && value == key);
        var buckets = side?.Aggregations?.GetDateHistogram(ElasticsearchSearch.Buckets)?.Buckets ?? [];
        return SideReadings.Mean(buckets
            .Where(b => b.DocCount > 0)
            .Select(b => (b.Key, Math.Min(b.Aggregations?.GetFilter(Matches)?.DocCount ?? 0, b.DocCount) / (double)b.DocCount)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Elasticsearch has no documents for {Metric} on the {Track} side of {App} in {Index}")]
    private static partial void LogNoDocuments(ILogger logger, string metric, string track, string app, string index);
}
