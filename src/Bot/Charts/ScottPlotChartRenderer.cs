using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ScottPlot;
using SkiaSharp;

namespace ChatOpsRelease.Bot.Charts;

/// <summary>
/// Renders a comparison as one PNG: the three panels of <see cref="ComparisonChart"/> stacked, 900 × 750 pixels, and
/// beneath them a panel each for CPU and memory when the gates measured them (<see cref="ResourcePanels"/>), 250 pixels taller each.
/// </summary>
internal sealed class ScottPlotChartRenderer : IChartRenderer
{
    public const int Width = 900;
    public const int PanelHeight = 250;

    public byte[] Render(ComparisonData data, Verdict verdict, string title, IReadOnlyList<GateReading>? gates = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(verdict);
        List<Plot> panels = [ComparisonChart.ErrorRate(data, $"{title} — {verdict.Outcome}"), ComparisonChart.Volume(data), ComparisonChart.Latency(data), .. ResourcePanels.For(data, gates)];
        // Opaque pixels: a chart has no transparency, and without an alpha channel the PNG is a quarter smaller.
        using var surface = SKSurface.Create(new SKImageInfo(Width, PanelHeight * panels.Count, SKColorType.Rgb888x, SKAlphaType.Opaque));
        surface.Canvas.Clear(SKColors.White);
        for (var i = 0; i < panels.Count; i++)
        {
            // Each plot clears what it may draw on, so it gets only its own strip.
            surface.Canvas.Save();
            surface.Canvas.ClipRect(new SKRect(0, i * PanelHeight, Width, (i + 1) * PanelHeight));
            panels[i].Render(surface.Canvas, new PixelRect(0, Width, (i + 1) * PanelHeight, i * PanelHeight));
            surface.Canvas.Restore();
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
