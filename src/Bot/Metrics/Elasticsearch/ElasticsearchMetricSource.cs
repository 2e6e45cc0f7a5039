using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>
/// Requests, errors and latency percentiles of a release's stable and canary sides from access-log documents in
/// Elasticsearch: one aggregation-only search (see <see cref="ElasticsearchSearch"/>) with the official client.
/// Elasticsearch down, a refused search or a side without documents is "no data" with the reason, never zeros.
/// </summary>
internal sealed partial class ElasticsearchMetricSource(
    Func<ElasticsearchClient> newClient,
    IOptions<ElasticsearchOptions> options,
    ILogger<ElasticsearchMetricSource> logger) : IMetricSource, IDisposable
{
    public const string SourceName = "elasticsearch";

    /// <summary>
    /// The client; replaced after it refused the server as "not Elasticsearch", because the client decides that once
    /// (on its first successful answer) and then refuses every later request without sending it.
    /// </summary>
    private ElasticsearchClient? _client;

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
        SearchResponse<object> response;
        var client = _client ??= newClient();
        try
        {
            response = await client.SearchAsync<object>(search.Request, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedProductException)
        {
            Interlocked.CompareExchange(ref _client, null, client);
            return NoAnswer(settings, "the server did not say it is Elasticsearch (no X-Elastic-Product header; a proxy may drop it)");
        }
        catch (TransportException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return NoAnswer(settings, Reason(ex, settings.Timeout));
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!response.IsValidResponse)
        {
            return Failed(response, settings);
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

    /// <summary>Closes the client's connections.</summary>
    public void Dispose() => (Interlocked.Exchange(ref _client, null)?.ElasticsearchClientSettings as IDisposable)?.Dispose();

    /// <summary>A search that failed: no answer, an HTTP error without Elasticsearch's error body, or a refusal with one.</summary>
    private MetricsResult Failed(ElasticsearchResponse response, ElasticsearchOptions settings)
    {
        var details = response.ApiCallDetails;
        if (details?.HttpStatusCode is not { } status)
        {
            return NoAnswer(settings, details?.OriginalException is { } ex ? Reason(ex, settings.Timeout) : "no response");
        }

        if (ServerError(response.ElasticsearchServerError) is not { } error)
        {
            return NoAnswer(settings, $"HTTP {status}");
        }

        LogRefused(logger, settings.Url!, status, error);
        return MetricsResult.Missing($"Elasticsearch at {settings.Url} refused the search of {settings.IndexPattern}: {error}");
    }

    private MetricsResult NoAnswer(ElasticsearchOptions settings, string reason)
    {
        LogUnreachable(logger, settings.Url!, reason);
        return MetricsResult.Missing($"Elasticsearch at {settings.Url} did not answer: {reason}");
    }

    /// <summary>"type: reason", with the first root cause when it says more.</summary>
    private static string? ServerError(ElasticsearchServerError? serverError)
    {
        if (serverError?.Error is not { } error || (error.Type is null && error.Reason is null))
        {
            return null;
        }

        var text = $"{error.Type}: {error.Reason}";
        var root = error.RootCause?.FirstOrDefault();
        return root is not null && root.Reason != error.Reason ? $"{text} ({root.Type}: {root.Reason})" : text;
    }

    /// <summary>Why no answer came: the innermost message, or the timeout.</summary>
    private static string Reason(Exception exception, TimeSpan timeout)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return exception is OperationCanceledException || inner is TimeoutException or OperationCanceledException
            ? $"no answer within {timeout.TotalSeconds:0.###} s"
            : inner.Message;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Searching {Index} for the metrics of {App}: {Query}")]
    private static partial void LogSearching(ILogger logger, string index, string app, string query);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch at {Url} did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch at {Url} refused a search with HTTP {Status}: {Error}")]
    private static partial void LogRefused(ILogger logger, string url, int status, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Elasticsearch has no documents for the {Track} side of {App} in {Index}")]
    private static partial void LogNoDocuments(ILogger logger, string track, string app, string index);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Elasticsearch metrics of {App}: {StableRequests} stable and {CanaryRequests} canary requests")]
    private static partial void LogFetched(ILogger logger, string app, long stableRequests, long canaryRequests);
}
