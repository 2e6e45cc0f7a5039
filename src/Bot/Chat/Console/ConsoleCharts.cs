using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Console;

/// <summary>The terminal cannot show pictures: a reply's chart is written under <c>data/charts/</c> and its path told.</summary>
internal sealed class ConsoleCharts(IOptions<StorageOptions> storage)
{
    /// <summary>Writes the image (when there is one) and returns the line that says where it is.</summary>
    public string? Save(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Image is not { } image)
        {
            return null;
        }

        var folder = Path.Combine(storage.Value.FullDataDirectory, "charts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(image.FileName));
        File.WriteAllBytes(path, image.Png);
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return $"Chart: {(shown.StartsWith("..", StringComparison.Ordinal) ? path : shown)} ({image.Title})";
    }
}
