using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>
/// Requests, errors and latency percentiles of a release's stable and canary sides from access-log documents in
/// Elasticsearch: one aggregation-only search (see <see cref="ElasticsearchSearch"/>) with the official client.
/// Elasticsearch down, a refused search or a side without documents is "no data" with the reason, never zeros.
/// </summary>
internal sealed partial class ElasticsearchMetricSource(
    ElasticsearchSearcher searcher,
    IOptions<ElasticsearchOptions> options,
    ILogger<ElasticsearchMetricSource> logger) : IMetricSource
{
    public const string SourceName = "elasticsearch";

    public string Name => SourceName;

    public async Task<MetricsResult> FetchAsync(AppSpec app, Release release, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(window);
        if (window.Step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window.Step, "The step of a metric window must be positive.");
        }

        var settings = options.Value;
        var (stable, canary) = MetricSide.Of(release);
        var search = ElasticsearchSearch.For(settings, app, stable, canary, window);
        LogSearching(logger, settings.IndexPattern, app.Name, search.Kql);
        var answer = await searcher.SearchAsync(search.Request, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return MetricsResult.Missing(answer.Failure!);
        }

        var unitsPerSecond = settings.DurationUnitsPerSecond;
        var stableBuckets = ElasticsearchSeries.Side(response.Aggregations, search.StableKey, unitsPerSecond);
        var canaryBuckets = ElasticsearchSeries.Side(response.Aggregations, search.CanaryKey, unitsPerSecond);
        foreach (var (side, key, buckets) in new[] { (stable, search.StableKey, stableBuckets), (canary, search.CanaryKey, canaryBuckets) })
        {
            if (buckets is null)
            {
                LogNoDocuments(logger, side.Track, app.Name, settings.IndexPattern);
                return MetricsResult.Missing(
                    $"Elasticsearch has no documents for {side.Description} of {app.Name} ({search.SideField}: {key}) in the last {MetricTexts.Length(window.Length)} " +
                    $"(index {settings.IndexPattern}, query: {search.Kql})");
            }
        }

        var data = new ComparisonData(
            new VersionSeries(stable.Track, stable.Version, stableBuckets!),
            new VersionSeries(canary.Track, canary.Version, canaryBuckets!),
            window,
            search.Description,
            KibanaDiscoverLink.For(settings, search.Kql, window));
        LogFetched(logger, app.Name, data.Stable.Requests, data.Canary.Requests);
        return MetricsResult.Found(data);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Searching {Index} for the metrics of {App}: {Query}")]
    private static partial void LogSearching(ILogger logger, string index, string app, string query);

    [LoggerMessage(Level = LogLevel.Information, Message = "Elasticsearch has no documents for the {Track} side of {App} in {Index}")]
    private static partial void LogNoDocuments(ILogger logger, string track, string app, string index);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Elasticsearch metrics of {App}: {StableRequests} stable and {CanaryRequests} canary requests")]
    private static partial void LogFetched(ILogger logger, string app, long stableRequests, long canaryRequests);
}
