using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>
/// Requests, errors and latency quantiles of a release's stable and canary sides from Prometheus: five range queries
/// per side (see <see cref="PrometheusOptions"/>), sent at once, turned into buckets by <see cref="PrometheusBuckets"/>.
/// Prometheus down, a refused query or a side without series is "no data" with the reason, never zeros.
/// </summary>
internal sealed partial class PrometheusMetricSource(PrometheusApi api, IOptions<PrometheusOptions> options, ILogger<PrometheusMetricSource> logger) : IMetricSource
{
    public const string SourceName = "prometheus";

    public string Name => SourceName;

    public async Task<MetricsResult> FetchAsync(AppSpec app, Release release, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(window);
        var settings = options.Value;
        var range = PrometheusRange.For(window, settings.MinRateWindow);
        var templates = settings.QueriesFor(app.Name);
        var (stableSide, canarySide) = MetricSide.Of(release);
        var stable = PrometheusSideQueries.Fill(templates, app, stableSide, range);
        var canary = PrometheusSideQueries.Fill(templates, app, canarySide, range);

        var stableTask = AskAsync(stable, range, cancellationToken);
        var canaryTask = AskAsync(canary, range, cancellationToken);
        var both = Task.WhenAll(stableTask, canaryTask);
        try
        {
            await both.ConfigureAwait(false);
        }
        catch (PrometheusException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(FirstFailure(both));
        }

        foreach (var (queries, answers) in new[] { (stable, stableTask.Result), (canary, canaryTask.Result) })
        {
            if (!PrometheusBuckets.HasData(answers.Requests))
            {
                LogNoSeries(logger, queries.Side.Track, app.Name, queries.Requests);
                return MetricsResult.Missing(
                    $"Prometheus has no series for {queries.Side.Description} of {app.Name} in the last {MetricTexts.Length(window.Length)} (query: {queries.Requests})");
            }
        }

        var data = new ComparisonData(
            new VersionSeries(stableSide.Track, stableSide.Version, PrometheusBuckets.Build(range, stableTask.Result)),
            new VersionSeries(canarySide.Track, canarySide.Version, PrometheusBuckets.Build(range, canaryTask.Result)),
            window,
            $"{stable.Describe()}\n{canary.Describe()}");
        LogFetched(logger, app.Name, data.Stable.Requests, data.Canary.Requests);
        return MetricsResult.Found(data);
    }

    /// <summary>The five queries of one side, all at once.</summary>
    private async Task<PrometheusSideAnswers> AskAsync(PrometheusSideQueries queries, PrometheusRange range, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<PrometheusSeries>> Ask(string query) => api.QueryRangeAsync(query, range.Start, range.End, range.Step, cancellationToken);

        var requests = Ask(queries.Requests);
        var errors = Ask(queries.Errors);
        var p50 = Ask(queries.P50);
        var p95 = Ask(queries.P95);
        var p99 = Ask(queries.P99);
        await Task.WhenAll(requests, errors, p50, p95, p99).ConfigureAwait(false);
        return new PrometheusSideAnswers(requests.Result, errors.Result, p50.Result, p95.Result, p99.Result);
    }

    /// <summary>The failure of the first query (in the order they were sent) that failed.</summary>
    private static PrometheusException FirstFailure(Task both) =>
        both.Exception!.Flatten().InnerExceptions.OfType<PrometheusException>().First();

    private MetricsResult Failed(PrometheusException failure)
    {
        var url = api.BaseAddress;
        if (failure.Refused)
        {
            LogRefused(logger, url, failure.Message, failure.Query);
        }
        else
        {
            LogUnreachable(logger, url, failure.Message);
        }

        return MetricsResult.Missing(failure.Sentence(url));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus at {Url} did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus at {Url} refused a query: {Error} (query: {Query})")]
    private static partial void LogRefused(ILogger logger, Uri url, string error, string query);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus has no series for the {Track} side of {App} (query: {Query})")]
    private static partial void LogNoSeries(ILogger logger, string track, string app, string query);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Prometheus metrics of {App}: {StableRequests} stable and {CanaryRequests} canary requests")]
    private static partial void LogFetched(ILogger logger, string app, long stableRequests, long canaryRequests);
}
