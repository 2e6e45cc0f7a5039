using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// Per-version request, error and latency series for a release's stable and canary sides. One implementation per
/// source (Prometheus, Elasticsearch, the sandbox's simulation), chosen per app by name. A source that is down or has
/// nothing for the window answers "no data" with the reason — never zeros.
/// </summary>
public interface IMetricSource
{
    string Name { get; }

    Task<MetricsResult> FetchAsync(AppSpec app, Release release, MetricWindow window, CancellationToken cancellationToken);
}

/// <summary>Draws a comparison as a PNG, in the manner of a Kibana panel.</summary>
public interface IChartRenderer
{
    /// <summary>
    /// The PNG bytes of the chart for <paramref name="data"/>, titled <paramref name="title"/>; with a panel per side for
    /// CPU and memory among <paramref name="gates"/> when they have series (none: the chart is as before).
    /// </summary>
    byte[] Render(ComparisonData data, Analysis.Verdict verdict, string title, IReadOnlyList<GateReading>? gates = null);
}
