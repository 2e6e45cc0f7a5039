using ChatOpsRelease.Commands.Analysis;
using ScottPlot;

namespace ChatOpsRelease.Bot.Charts;

/// <summary>
/// The resource panels beneath a comparison's three: CPU per pod in cores and working-set memory per pod in MiB, stable
/// and canary over the window, with the stable mean and the band the canary may reach within the gate's tolerance.
/// A reading without data, or without a series on either side, gets no panel.
/// </summary>
internal static class ResourcePanels
{
    private const double BytesPerMiB = 1024.0 * 1024.0;

    /// <summary>A panel for the first CPU and the first memory reading among <paramref name="gates"/> that has a series; CPU first.</summary>
    public static IReadOnlyList<Plot> For(ComparisonData data, IReadOnlyList<GateReading>? gates)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (gates is null)
        {
            return [];
        }

        var panels = new List<Plot>();
        foreach (var kind in new[] { GateMetricKind.Cpu, GateMetricKind.Memory })
        {
            var reading = gates.FirstOrDefault(g => g.Metric.Kind == kind && HasSeries(g.Reading));
            if (reading is not null)
            {
                panels.Add(Resource(data, reading));
            }
        }

        return panels;
    }

    /// <summary>Whether either side of <paramref name="reading"/> has a point to draw.</summary>
    public static bool HasSeries(MetricReading reading) =>
        reading.NoData is null && (Points(reading.Stable, 1).Length > 0 || Points(reading.Canary, 1).Length > 0);

    public static Plot Resource(ComparisonData data, GateReading gate)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(gate);
        var (title, yLabel, scale, leastTop) = gate.Metric.Kind == GateMetricKind.Memory
            ? ("Memory per pod (working set)", "memory (MiB)", 1 / BytesPerMiB, 1.0)
            : ("CPU per pod", "CPU (cores)", 1.0, 0.01);
        var plot = ComparisonChart.Panel(title, yLabel);
        var stable = Points(gate.Reading.Stable, scale);
        var canary = Points(gate.Reading.Canary, scale);
        if (Mean(gate.Reading.Stable, stable, scale) is { } mean)
        {
            AddTolerance(plot, gate.Metric, mean);
        }

        AddLine(plot, stable, ComparisonChart.Label(data.Stable), ComparisonChart.StableColor);
        AddLine(plot, canary, ComparisonChart.Label(data.Canary), ComparisonChart.CanaryColor);
        ComparisonChart.Frame(plot, data.Window, leastTop);
        return plot;
    }

    /// <summary>The stable mean as a dashed line, and the band between it and what the tolerance lets the canary reach.</summary>
    private static void AddTolerance(Plot plot, GateMetric metric, double mean)
    {
        var reach = metric.Direction == MetricDirection.LowerIsBetter ? mean * (1 + metric.Tolerance) : mean * (1 - metric.Tolerance);
        if (metric.Tolerance > 0 && double.IsFinite(reach))
        {
            var band = plot.Add.VerticalSpan(Math.Min(mean, reach), Math.Max(mean, reach), ComparisonChart.StableColor.WithAlpha(0.15));
            band.LineStyle.Width = 0;
            band.LegendText = $"tolerance {(metric.Direction == MetricDirection.LowerIsBetter ? "+" : "−")}{metric.Tolerance * 100:0.#} %";
        }

        var line = plot.Add.HorizontalLine(mean, 1, ComparisonChart.StableColor, LinePattern.Dashed);
        line.LegendText = "stable mean";
    }

    /// <summary>The side's own value over the window when it has one, else the mean of its points.</summary>
    private static double? Mean(SideReading? side, Coordinates[] points, double scale) =>
        side?.Value is { } value && double.IsFinite(value) ? value * scale
        : points.Length > 0 ? points.Average(p => p.Y)
        : null;

    private static Coordinates[] Points(SideReading? side, double scale) =>
        (side?.Series ?? [])
            .Where(p => double.IsFinite(p.Value))
            .OrderBy(p => p.At)
            .Select(p => new Coordinates(p.At.UtcDateTime.ToOADate(), p.Value * scale))
            .ToArray();

    private static void AddLine(Plot plot, Coordinates[] points, string label, Color color)
    {
        if (points.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(points, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 4;
    }
}
