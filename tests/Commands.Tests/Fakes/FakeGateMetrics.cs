using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Gate metric readings set by the test, by metric name; a metric with none set is "no data". Records what was asked.</summary>
internal sealed class FakeGateMetrics : IGateMetrics
{
    public Dictionary<string, MetricReading> Readings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Asked { get; } = [];

    /// <summary>A reading of <paramref name="stable"/> and <paramref name="canary"/>, each on <paramref name="samples"/> samples.</summary>
    public void Set(string metric, double? stable, double? canary, int samples = 10, string? canaryNote = null) =>
        Readings[metric] = new MetricReading(
            new SideReading(stable, stable is null ? 0 : samples, []),
            new SideReading(canary, canary is null ? 0 : samples, [], canaryNote),
            $"query of {metric}",
            null);

    public Task<MetricReading> ReadAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken)
    {
        Asked.Add(metric.Name);
        return Task.FromResult(Readings.GetValueOrDefault(metric.Name) ?? MetricReading.Missing($"nothing measured {metric.Name}"));
    }
}
