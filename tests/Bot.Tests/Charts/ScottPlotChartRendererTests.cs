using ChatOpsRelease.Bot.Charts;
using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Commands.Analysis;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Charts;

public sealed class ScottPlotChartRendererTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_MakesAPngOfTheExpectedSize()
    {
        var png = new ScottPlotChartRenderer().Render(Data(), Verdict(), "checkout v1.0.0 vs v2.0.0 — last 15 min");

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((ScottPlotChartRenderer.Width, 3 * ScottPlotChartRenderer.PanelHeight), (bitmap.Width, bitmap.Height));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        Assert.True(png.Length < TeamsCards.MaxInlineImageBytes, $"{png.Length} bytes: too large to send inline to Teams");
        var colors = Enumerable.Range(0, 180).Select(i => bitmap.GetPixel(100 + (i * 4), 125)).Distinct().Count();
        Assert.True(colors > 3, "the error-rate panel is blank");
    }

    [Fact]
    public void ErrorRatePanel_HasTheTitle_ALegendForBothSides_AndTheirRates()
    {
        var plot = ComparisonChart.ErrorRate(Data(), "checkout v1.0.0 vs v2.0.0");

        Assert.Equal("checkout v1.0.0 vs v2.0.0", plot.Axes.Title.Label.Text);
        Assert.Equal("time (UTC)", plot.Axes.Bottom.Label.Text);
        var lines = plot.GetPlottables().OfType<Scatter>().ToList();
        Assert.Equal(["stable v1.0.0", "canary v2.0.0"], lines.Select(l => l.LegendText));
        Assert.Equal([0.5, 0.5, 0.5], lines[0].Data.GetScatterPoints().Select(p => Math.Round(p.Y, 3)));
        Assert.Equal([2.0, 3.0, 4.0], lines[1].Data.GetScatterPoints().Select(p => Math.Round(p.Y, 3)));
        Assert.Equal(Start.AddSeconds(30).UtcDateTime.ToOADate(), lines[0].Data.GetScatterPoints()[0].X, 6);
        Assert.Equal((Start.UtcDateTime.ToOADate(), Start.AddMinutes(3).UtcDateTime.ToOADate()), (plot.Axes.GetLimits().Left, plot.Axes.GetLimits().Right));
        Assert.Equal(0, plot.Axes.GetLimits().Bottom);
        Assert.Equal(["stable v1.0.0", "canary v2.0.0"], plot.Legend.GetItems().Select(i => i.LabelText));
    }

    [Fact]
    public void VolumeAndLatencyPanels_PlotBothSides()
    {
        var volume = ComparisonChart.Volume(Data());
        var latency = ComparisonChart.Latency(Data());

        var bars = volume.GetPlottables().OfType<BarPlot>().ToList();
        Assert.Equal([1000, 1000, 1000], bars[0].Bars.Select(b => b.Value));
        Assert.Equal([100, 100, 100], bars[1].Bars.Select(b => b.Value));
        var p95 = latency.GetPlottables().OfType<Scatter>().Select(s => s.Data.GetScatterPoints().Select(p => p.Y).ToList()).ToList();
        Assert.Equal([[0.2, 0.2, 0.2], [0.3, 0.3, 0.3]], p95);
        Assert.Equal("Latency p95", latency.Axes.Title.Label.Text);
    }

    [Fact]
    public void ABusyChart_IsScaledDownToFitATeamsMessage_AndStaysAPicture()
    {
        var png = new ScottPlotChartRenderer().Render(Busy(), Verdict(), "payments v1.0.0 vs v2.0.0 — last 10 min");
        Assert.True(png.Length > TeamsCards.MaxInlineImageBytes, $"{png.Length} bytes: the case needs a chart larger than the limit");

        var message = TeamsCards.Picture("Pass: …", new ChatOpsRelease.Commands.Ports.ReplyImage("c.png", png, "alt", "payments"));

        var url = (string)message["attachments"]![0]!["content"]!["body"]![1]!["url"]!;
        var fitted = Convert.FromBase64String(url["data:image/png;base64,".Length..]);
        Assert.True(fitted.Length <= TeamsCards.MaxInlineImageBytes, $"{fitted.Length} bytes");
        using var bitmap = SKBitmap.Decode(fitted);
        Assert.True(bitmap.Width is > 400 and < ScottPlotChartRenderer.Width, $"{bitmap.Width} px wide");
        Assert.Equal(ScottPlotChartRenderer.Width / (double)(3 * ScottPlotChartRenderer.PanelHeight), bitmap.Width / (double)bitmap.Height, 2);
        Assert.DoesNotContain("too large", message.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>Ten minutes in 10 s buckets of jittery rates: a chart whose PNG is well over 70 KB.</summary>
    private static ComparisonData Busy()
    {
        var random = new Random(7);
        List<MetricBucket> Side(int requests, double rate) => Enumerable.Range(0, 60)
            .Select(i => new MetricBucket(Start.AddSeconds(10 * i), requests, (long)(requests * rate * random.NextDouble() * 2), 0.08, 0.15 + (0.05 * random.NextDouble()), 0.4))
            .ToList();
        return new ComparisonData(new VersionSeries("stable", "v1.0.0", Side(900, 0.005)), new VersionSeries("canary", "v2.0.0", Side(100, 0.01)),
            new MetricWindow(Start, Start.AddMinutes(10), TimeSpan.FromSeconds(10)), "q");
    }

    /// <summary>Three minutes in 1 min buckets: a steady stable side and a canary whose errors climb.</summary>
    internal static ComparisonData Data()
    {
        var stable = Enumerable.Range(0, 3).Select(i => new MetricBucket(Start.AddMinutes(i), 1000, 5, 0.08, 0.2, 0.4)).ToList();
        var canary = Enumerable.Range(0, 3).Select(i => new MetricBucket(Start.AddMinutes(i), 100, 2 + i, 0.09, 0.3, 0.5)).ToList();
        return new ComparisonData(new VersionSeries("stable", "v1.0.0", stable), new VersionSeries("canary", "v2.0.0", canary),
            new MetricWindow(Start, Start.AddMinutes(3), TimeSpan.FromMinutes(1)), "sum(rate(http_requests_total[1m]))");
    }

    private static Verdict Verdict() => new(VerdictOutcome.Fail, "Fail: worse", ["reason"], null, "q", null);
}
