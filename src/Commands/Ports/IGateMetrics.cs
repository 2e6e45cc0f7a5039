using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// Measures a release's stable and canary sides for one gate metric other than errors: resources and availability from
/// Prometheus, restarts from the Kubernetes API, an app's own query from Prometheus or Elasticsearch. A source that is
/// down, not configured or without series answers <see cref="MetricReading.Missing"/> with the reason — never zeros.
/// </summary>
public interface IGateMetrics
{
    Task<MetricReading> ReadAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken);
}
