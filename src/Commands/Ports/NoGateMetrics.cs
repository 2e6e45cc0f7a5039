using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>For hosts that measure nothing but errors: every other gate metric is "no data", so it is never a Pass.</summary>
public sealed class NoGateMetrics : IGateMetrics
{
    public Task<MetricReading> ReadAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken) =>
        Task.FromResult(MetricReading.Missing($"this bot has no reader for {metric.Kind} metrics"));
}
