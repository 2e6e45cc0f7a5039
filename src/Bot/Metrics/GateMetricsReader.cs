using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Metrics.Elasticsearch;
using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Metrics;

/// <summary>
/// Measures the gate metrics besides errors where each lives: CPU, memory, CPU per request and availability in
/// Prometheus; restarts in the Kubernetes API of the release's cluster; an app's own query in Prometheus or
/// Elasticsearch (its <see cref="GateMetric.Source"/>, else the app's metric source). A source the bot has no address
/// for answers "no data" with the setting that would give it one.
/// </summary>
internal sealed partial class GateMetricsReader(
    PodRestarts restarts,
    ILogger<GateMetricsReader> logger,
    PrometheusGateMetrics? prometheus = null,
    ElasticsearchGateMetrics? elasticsearch = null) : IGateMetrics
{
    public async Task<MetricReading> ReadAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(window);
        var reading = metric.Kind switch
        {
            GateMetricKind.Restarts => await ReadRestartsAsync(app, release, cancellationToken).ConfigureAwait(false),
            GateMetricKind.Cpu or GateMetricKind.Memory or GateMetricKind.CpuPerRequest or GateMetricKind.Availability =>
                await FromPrometheusAsync(app, release, metric, window, cancellationToken).ConfigureAwait(false),
            GateMetricKind.Custom => (metric.Source ?? app.Metrics).ToLowerInvariant() switch
            {
                PrometheusMetricSource.SourceName => await FromPrometheusAsync(app, release, metric, window, cancellationToken).ConfigureAwait(false),
                ElasticsearchMetricSource.SourceName => elasticsearch is null
                    ? NotConfigured("Elasticsearch", ElasticsearchOptions.Section, metric)
                    : await elasticsearch.ReadAsync(app, release, metric, window, cancellationToken).ConfigureAwait(false),
                var other => MetricReading.Missing(
                    $"the metric {metric.Name} is read from {(metric.Source is null ? $"{app.Name}'s metric source, {other}," : other)} which has no custom queries; " +
                    "set its Source to prometheus or elasticsearch", metric.Query ?? string.Empty),
            },
            _ => MetricReading.Missing($"the metric {metric.Name} ({metric.Kind}) is not measured here; errors come from the app's metric source"),
        };
        if (reading.NoData is { } reason)
        {
            LogNoData(logger, metric.Name, app.Name, reason);
        }

        return reading;
    }

    private Task<MetricReading> FromPrometheusAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken) =>
        prometheus is null
            ? Task.FromResult(NotConfigured("Prometheus", PrometheusOptions.Section, metric))
            : prometheus.ReadAsync(app, release, metric, window, cancellationToken);

    private static MetricReading NotConfigured(string source, string section, GateMetric metric) =>
        MetricReading.Missing($"{source} is not configured; set {section}:Url to measure {metric.Name}", metric.Query ?? string.Empty);

    /// <summary>Each side's restarts: their sum over the side's pods, the pods as samples, the last termination reasons as the note.</summary>
    private async Task<MetricReading> ReadRestartsAsync(AppSpec app, Release release, CancellationToken cancellationToken)
    {
        PodRestartCount? stable, canary;
        try
        {
            stable = await restarts.ReadAsync(release.Cluster, app, canary: false, cancellationToken).ConfigureAwait(false);
            canary = await restarts.ReadAsync(release.Cluster, app, canary: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            return MetricReading.Missing(ex.Message);
        }

        var query = $"pods of {app.Namespace}/{app.Deployment} ({stable?.Selector ?? "no Deployment"}) and {app.Namespace}/{app.CanaryDeployment} ({canary?.Selector ?? "no Deployment"})";
        foreach (var (side, deployment, count) in new[] { ("the stable version", app.Deployment, stable), ("the canary", app.CanaryDeployment, canary) })
        {
            if (count is null || count.Pods == 0)
            {
                return MetricReading.Missing(
                    count is null ? $"there is no Deployment {app.Namespace}/{deployment} for {side} of {app.Name}" : $"{side} of {app.Name} has no pods ({count.Selector})",
                    query);
            }
        }

        return new MetricReading(Side(stable!), Side(canary!), query, null);
    }

    private static SideReading Side(PodRestartCount count) => new(count.Restarts, count.Pods, [], count.Note);

    [LoggerMessage(Level = LogLevel.Information, Message = "No data for the gate metric {Metric} of {App}: {Reason}")]
    private static partial void LogNoData(ILogger logger, string metric, string app, string reason);
}
