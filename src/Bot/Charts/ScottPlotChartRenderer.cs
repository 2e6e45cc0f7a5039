using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ScottPlot;
using SkiaSharp;

namespace ChatOpsRelease.Bot.Charts;

/// <summary>Renders a comparison as one PNG: the three panels of <see cref="ComparisonChart"/> stacked, 900 × 750 pixels.</summary>
internal sealed class ScottPlotChartRenderer : IChartRenderer
{
    public const int Width = 900;
    public const int PanelHeight = 250;

    public byte[] Render(ComparisonData data, Verdict verdict, string title)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(verdict);
        var panels = new[] { ComparisonChart.ErrorRate(data, $"{title} — {verdict.Outcome}"), ComparisonChart.Volume(data), ComparisonChart.Latency(data) };
        using var surface = SKSurface.Create(new SKImageInfo(Width, PanelHeight * panels.Length));
        surface.Canvas.Clear(SKColors.White);
        for (var i = 0; i < panels.Length; i++)
        {
            using var panel = SKBitmap.Decode(panels[i].GetImageBytes(Width, PanelHeight, ImageFormat.Png));
            surface.Canvas.DrawBitmap(panel, 0, i * PanelHeight);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
