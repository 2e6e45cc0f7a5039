using ChatOpsRelease.Bot.Charts;
using ChatOpsRelease.Commands.Analysis;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Charts;

public sealed class ResourcePanelsTests
{
    private const double MiB = 1024.0 * 1024.0;
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CpuAndMemory_AddAPanelEach_BeneathTheThree()
    {
        var without = Render(null);
        var with = Render([Cpu(), Memory()]);

        Assert.Equal([0x89, 0x50, 0x4E, 0x47], with.Take(4));
        Assert.Equal((ScottPlotChartRenderer.Width, 3 * ScottPlotChartRenderer.PanelHeight), Size(without));
        Assert.Equal((ScottPlotChartRenderer.Width, 5 * ScottPlotChartRenderer.PanelHeight), Size(with));
        using var bitmap = SKBitmap.Decode(with);
        foreach (var panel in new[] { 3, 4 })
        {
            var y = (panel * ScottPlotChartRenderer.PanelHeight) + (ScottPlotChartRenderer.PanelHeight / 2);
            var colors = Enumerable.Range(0, 180).Select(i => bitmap.GetPixel(100 + (i * 4), y)).Distinct().Count();
            Assert.True(colors > 3, $"resource panel {panel} is blank");
        }
    }

    [Fact]
    public void OnlyOneOfTheTwo_AddsOnePanel()
    {
        Assert.Equal(4 * ScottPlotChartRenderer.PanelHeight, Size(Render([Cpu()])).Height);
        Assert.Equal(4 * ScottPlotChartRenderer.PanelHeight, Size(Render([Memory(), Gate("errors", MetricReading.Missing("not judged"))])).Height);
    }

    [Fact]
    public void MissingReadings_EmptySeries_AndOtherMetrics_AddNothing()
    {
        var empty = new SideReading(null, 0, []);
        IReadOnlyList<GateReading> gates =
        [
            Gate("cpu", MetricReading.Missing("Prometheus: no container_cpu_usage_seconds_total for the canary")),
            Gate("memory", new MetricReading(empty, empty, "q", null)),
            Gate("memory", new MetricReading(null, new SideReading(null, 0, [(Start, double.NaN)]), "q", null)),
            Gate("restarts", Reading(0, 1)),
            Gate("availability", Reading(1, 1)),
        ];

        Assert.Equal(3 * ScottPlotChartRenderer.PanelHeight, Size(Render(gates)).Height);
        Assert.Empty(ResourcePanels.For(Data(), gates));
    }

    [Fact]
    public void WithoutResourceGates_TheChartIsTheOldOne_ByteForByte()
    {
        var old = Render(null);

        Assert.Equal(old, Render(null));
        Assert.Equal(old, Render([]));
        Assert.Equal(old, Render([Gate("cpu", MetricReading.Missing("no data")), Gate("errors", Reading(0.01, 0.02))]));
    }

    [Fact]
    public void OneSideWithASeries_IsEnoughForAPanel()
    {
        var reading = new MetricReading(null, new SideReading(0.3, 3, Series(0.3, 0.3, 0.3)), "q", null);

        var panel = Assert.Single(ResourcePanels.For(Data(), [Gate("cpu", reading)]));

        var line = Assert.Single(panel.GetPlottables().OfType<Scatter>());
        Assert.Equal("canary v2.0.0", line.LegendText);
        Assert.Empty(panel.GetPlottables().OfType<HorizontalLine>());
        Assert.Equal(4 * ScottPlotChartRenderer.PanelHeight, Size(Render([Gate("cpu", reading)])).Height);
    }

    [Fact]
    public void CpuPanel_InCores_WithBothSides_TheStableMean_AndTheToleranceBand()
    {
        var panel = Assert.Single(ResourcePanels.For(Data(), [Cpu()]));

        Assert.Equal("CPU per pod", panel.Axes.Title.Label.Text);
        Assert.Equal("CPU (cores)", panel.Axes.Left.Label.Text);
        Assert.Equal("time (UTC)", panel.Axes.Bottom.Label.Text);
        var lines = panel.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(["stable v1.0.0", "canary v2.0.0"], lines.Select(l => l.LegendText));
        Assert.Equal([ComparisonChart.StableColor, ComparisonChart.CanaryColor], lines.Select(l => l.Color));
        Assert.Equal([0.2, 0.22, 0.18], lines[0].Data.GetScatterPoints().Select(p => Math.Round(p.Y, 3)));
        Assert.Equal([0.3, 0.35, 0.4], lines[1].Data.GetScatterPoints().Select(p => Math.Round(p.Y, 3)));
        Assert.Equal(Start.AddSeconds(30).UtcDateTime.ToOADate(), lines[0].Data.GetScatterPoints()[0].X, 6);

        Assert.Equal(0.2, Assert.Single(panel.GetPlottables().OfType<HorizontalLine>()).Y, 6);
        var band = Assert.Single(panel.GetPlottables().OfType<VerticalSpan>());
        Assert.Equal((0.2, 0.25), (Math.Round(band.Bottom, 6), Math.Round(band.Top, 6)));
        Assert.Contains("tolerance +25 %", panel.Legend.GetItems().Select(i => i.LabelText));
        Assert.Contains("stable mean", panel.Legend.GetItems().Select(i => i.LabelText));

        var limits = panel.Axes.GetLimits();
        Assert.Equal((Start.UtcDateTime.ToOADate(), Start.AddMinutes(3).UtcDateTime.ToOADate()), (limits.Left, limits.Right));
        Assert.Equal(0, limits.Bottom);
        Assert.True(limits.Top >= 0.4, $"top {limits.Top}: the canary's peak is cut off");
    }

    [Fact]
    public void MemoryPanel_InMiB_WithTheMeanOfTheSeries_WhenTheSideHasNoValue()
    {
        var reading = new MetricReading(
            new SideReading(null, 3, Series(200 * MiB, 300 * MiB, 250 * MiB)),
            new SideReading(512 * MiB, 3, Series(500 * MiB, 512 * MiB, 524 * MiB)),
            "container_memory_working_set_bytes",
            null);

        var panel = Assert.Single(ResourcePanels.For(Data(), [Gate("memory", reading)]));

        Assert.Equal("Memory per pod (working set)", panel.Axes.Title.Label.Text);
        Assert.Equal("memory (MiB)", panel.Axes.Left.Label.Text);
        var lines = panel.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal([200.0, 300.0, 250.0], lines[0].Data.GetScatterPoints().Select(p => Math.Round(p.Y, 3)));
        Assert.Equal([500.0, 512.0, 524.0], lines[1].Data.GetScatterPoints().Select(p => Math.Round(p.Y, 3)));
        Assert.Equal(250, Assert.Single(panel.GetPlottables().OfType<HorizontalLine>()).Y, 6);
    }

    [Fact]
    public void CpuComesFirst_AndOnlyTheFirstReadingOfAKindIsDrawn()
    {
        var panels = ResourcePanels.For(Data(), [Memory(), Cpu(), Gate("cpu", Reading(9, 9))]);

        Assert.Equal(["CPU per pod", "Memory per pod (working set)"], panels.Select(p => p.Axes.Title.Label.Text));
        Assert.Equal(0.2, panels[0].GetPlottables().OfType<HorizontalLine>().Single().Y, 6);
    }

    private static byte[] Render(IReadOnlyList<GateReading>? gates) =>
        new ScottPlotChartRenderer().Render(Data(), new Verdict(VerdictOutcome.Pass, "Pass", [], null, "q", null), "checkout v1.0.0 vs v2.0.0", gates);

    private static (int Width, int Height) Size(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }

    private static GateReading Cpu() => Gate("cpu", new MetricReading(
        new SideReading(0.2, 3, Series(0.2, 0.22, 0.18)),
        new SideReading(0.35, 3, Series(0.3, 0.35, 0.4)),
        "rate(container_cpu_usage_seconds_total[1m])",
        null));

    private static GateReading Memory() => Gate("memory", new MetricReading(
        new SideReading(256 * MiB, 3, Series(250 * MiB, 256 * MiB, 262 * MiB)),
        new SideReading(300 * MiB, 3, Series(290 * MiB, 300 * MiB, 310 * MiB)),
        "container_memory_working_set_bytes",
        null));

    private static GateReading Gate(string name, MetricReading reading) => new(GateMetric.BuiltIn[name], reading);

    private static MetricReading Reading(double stable, double canary) =>
        new(new SideReading(stable, 3, Series(stable, stable, stable)), new SideReading(canary, 3, Series(canary, canary, canary)), "q", null);

    /// <summary>A point each in the middle of the window's three minutes.</summary>
    private static List<(DateTimeOffset At, double Value)> Series(params double[] values) =>
        values.Select((v, i) => (Start.AddMinutes(i).AddSeconds(30), v)).ToList();

    private static ComparisonData Data() => ScottPlotChartRendererTests.Data();
}
