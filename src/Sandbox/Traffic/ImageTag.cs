namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>The version an image runs: its tag (<c>latest</c> when it has none), without any digest.</summary>
internal static class ImageTag
{
    public static string Of(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return "unknown";
        }

        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var lastSegment = name[(name.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon >= 0 && colon < lastSegment.Length - 1 ? lastSegment[(colon + 1)..] : "latest";
    }
}
