using SkiaSharp;

namespace ChatOpsRelease.Bot.Charts;

/// <summary>Scales a PNG down until it fits a size limit, for chats that only take small inline images.</summary>
internal static class PngFit
{
    private const int Attempts = 4;

    /// <summary>The PNG itself when it fits; otherwise a smaller copy that does, or null when none does.</summary>
    public static byte[]? Within(byte[] png, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length <= maxBytes)
        {
            return png;
        }

        using var original = SKBitmap.Decode(png);
        if (original is null)
        {
            return null;
        }

        var current = png;
        var scale = 1.0;
        for (var attempt = 0; attempt < Attempts && current.Length > maxBytes; attempt++)
        {
            // The bytes of a chart grow about with its area, so each side shrinks by the square root of the excess.
            scale *= Math.Sqrt((double)maxBytes / current.Length) * 0.95;
            var info = new SKImageInfo(Math.Max(1, (int)(original.Width * scale)), Math.Max(1, (int)(original.Height * scale)), SKColorType.Rgb888x, SKAlphaType.Opaque);
            using var smaller = original.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(smaller);
            using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
            current = encoded.ToArray();
        }

        return current.Length <= maxBytes ? current : null;
    }
}
