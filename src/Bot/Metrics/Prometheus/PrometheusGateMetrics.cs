using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>
/// The resource, availability and custom gate metrics from Prometheus: one range query per side over the window (the
/// templates of <see cref="PrometheusResourceQueries"/>, or the metric's own query), each side's value the mean of its
/// points. Prometheus down, a refused query, a side without series or a query giving several series is "no data" with
/// the reason and the query, never zeros.
/// </summary>
internal sealed partial class PrometheusGateMetrics(PrometheusApi api, IOptions<PrometheusOptions> options, ILogger<PrometheusGateMetrics> logger)
{
    public async Task<MetricReading> ReadAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(metric);
        var settings = options.Value;
        var templates = settings.QueriesFor(app.Name);
        var resources = templates.Resources ?? PrometheusResourceQueries.Defaults();
        var template = metric.Kind switch
        {
            GateMetricKind.Cpu => resources.Cpu,
            GateMetricKind.Memory => resources.Memory,
            GateMetricKind.CpuPerRequest => resources.CpuPerRequest,
            GateMetricKind.Availability => resources.Availability,
            _ => metric.Query,
        };
        if (string.IsNullOrWhiteSpace(template))
        {
            return MetricReading.Missing($"the metric {metric.Name} has no PromQL query; give it one (Query)");
        }

        var range = PrometheusRange.For(window, settings.MinRateWindow);
        var (stable, canary) = MetricSide.Of(release);
        string Fill(MetricSide side) => PrometheusSideQueries.Template(template, app, side, range, templates.ErrorCodes)
            .Replace("{requests}", PrometheusSideQueries.Template(templates.Requests ?? string.Empty, app, side, range, templates.ErrorCodes), StringComparison.Ordinal);

        var (stableQuery, canaryQuery) = (Fill(stable), Fill(canary));
        var described = $"{metric.Name} ({stable.Track}): {stableQuery}\n{metric.Name} ({canary.Track}): {canaryQuery}";
        var stableTask = api.QueryRangeAsync(stableQuery, range.Start, range.End, range.Step, cancellationToken);
        var canaryTask = api.QueryRangeAsync(canaryQuery, range.Start, range.End, range.Step, cancellationToken);
        var both = Task.WhenAll(stableTask, canaryTask);
        try
        {
            await both.ConfigureAwait(false);
        }
        catch (PrometheusException) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = both.Exception!.Flatten().InnerExceptions.OfType<PrometheusException>().First();
            LogFailed(logger, metric.Name, app.Name, failure.Message, failure.Query);
            return MetricReading.Missing(failure.Sentence(api.BaseAddress), described);
        }

        var readings = new List<SideReading>(2);
        foreach (var (side, query, series) in new[] { (stable, stableQuery, stableTask.Result), (canary, canaryQuery, canaryTask.Result) })
        {
            var withData = series.Where(s => s.Samples.Any(p => p.Value is not null)).ToList();
            if (withData.Count != 1)
            {
                LogNoSeries(logger, metric.Name, side.Track, app.Name, withData.Count, query);
                return MetricReading.Missing(
                    withData.Count == 0
                        ? $"Prometheus has no series for {side.Description} of {app.Name} in the last {MetricTexts.Length(window.Length)} (query: {query})"
                        : $"the query gives {withData.Count} series for {side.Description} of {app.Name}, where one was expected; aggregate it, e.g. with avg(…) or sum(…) (query: {query})",
                    described);
            }

            readings.Add(SideReadings.Mean(withData[0].Samples.Where(p => p.Value is not null).Select(p => (range.BucketStart(p.At), p.Value!.Value))));
        }

        return new MetricReading(readings[0], readings[1], described, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus could not measure {Metric} of {App}: {Reason} (query: {Query})")]
    private static partial void LogFailed(ILogger logger, string metric, string app, string reason, string query);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus has {Count} series of {Metric} for the {Track} side of {App}, where one was expected (query: {Query})")]
    private static partial void LogNoSeries(ILogger logger, string metric, string track, string app, int count, string query);
}
