using ChatOpsRelease.Commands.Analysis;
using ScottPlot;

namespace ChatOpsRelease.Bot.Charts;

/// <summary>
/// The three panels of a comparison, in the manner of a Kibana dashboard: error rate over time (stable vs canary),
/// request volume beneath it, and p95 latency over time. Built as ScottPlot plots so that what is drawn can be checked.
/// </summary>
internal static class ComparisonChart
{
    public static readonly Color StableColor = Color.FromHex("#54B399");
    public static readonly Color CanaryColor = Color.FromHex("#E7664C");

    public static Plot ErrorRate(ComparisonData data, string title)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = Panel(title, "error rate (%)");
        AddLine(plot, data.Window, data.Stable, b => b.Requests == 0 ? null : 100.0 * b.Errors / b.Requests, StableColor);
        AddLine(plot, data.Window, data.Canary, b => b.Requests == 0 ? null : 100.0 * b.Errors / b.Requests, CanaryColor);
        Frame(plot, data.Window, 1);
        return plot;
    }

    public static Plot Volume(ComparisonData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = Panel("Requests per bucket", "requests");
        var width = data.Window.Step.TotalDays * 0.4;
        foreach (var (series, color, shift) in new[] { (data.Stable, StableColor, -width / 2), (data.Canary, CanaryColor, width / 2) })
        {
            var bars = series.Buckets.Select(b => new Bar { Position = Middle(b, data.Window) + shift, Value = b.Requests, Size = width, FillColor = color, LineWidth = 0 }).ToList();
            plot.Add.Bars(bars);
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = Label(data.Stable), FillColor = StableColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = Label(data.Canary), FillColor = CanaryColor });
        Frame(plot, data.Window, 1);
        return plot;
    }

    public static Plot Latency(ComparisonData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var plot = Panel("Latency p95", "seconds");
        AddLine(plot, data.Window, data.Stable, b => b.P95, StableColor);
        AddLine(plot, data.Window, data.Canary, b => b.P95, CanaryColor);
        Frame(plot, data.Window, 0.01);
        return plot;
    }

    public static string Label(VersionSeries series) => $"{series.Track} {series.Version}";

    /// <summary>An empty panel in the dashboard's style: title, axis labels, time across, legend upper left.</summary>
    internal static Plot Panel(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        var time = plot.Axes.DateTimeTicksBottom();
        time.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = t => t.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) };

        // After the date-time axis, which replaces the bottom axis (and a label set on the old one).
        plot.XLabel("time (UTC)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.FigureBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#E8E8E8");
        return plot;
    }

    /// <summary>The whole window across, as Kibana shows the time range asked for, and the values from zero up.</summary>
    internal static void Frame(Plot plot, MetricWindow window, double leastTop)
    {
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(window.From.UtcDateTime.ToOADate(), window.To.UtcDateTime.ToOADate());
        plot.Axes.SetLimitsY(0, Math.Max(leastTop, plot.Axes.GetLimits().Top * 1.1));
    }

    /// <summary>Where a bucket is drawn: the middle of the time it covers.</summary>
    private static double Middle(MetricBucket bucket, MetricWindow window) => (bucket.Start + (window.Step / 2)).UtcDateTime.ToOADate();

    private static void AddLine(Plot plot, MetricWindow window, VersionSeries series, Func<MetricBucket, double?> value, Color color)
    {
        var points = series.Buckets.Where(b => value(b) is not null).ToList();
        var line = plot.Add.Scatter(points.Select(b => Middle(b, window)).ToArray(), points.Select(b => value(b)!.Value).ToArray(), color);
        line.LegendText = Label(series);
        line.LineWidth = 2;
        line.MarkerSize = 4;
    }
}
