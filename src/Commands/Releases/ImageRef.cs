namespace ChatOpsRelease.Commands.Releases;

/// <summary>Container image references: the tag is the version the bot talks about.</summary>
public static class ImageRef
{
    /// <summary>The image with its tag (and any digest) replaced by <paramref name="version"/>.</summary>
    public static string WithTag(string image, string version)
    {
        ArgumentNullException.ThrowIfNull(image);
        return $"{Repository(image)}:{version}";
    }

    /// <summary>The version an image runs: its tag, else a short digest, else "latest".</summary>
    public static string Version(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = image[(at + 1)..];
            var colon = digest.IndexOf(':', StringComparison.Ordinal);
            var hex = colon >= 0 ? digest[(colon + 1)..] : digest;
            return "@" + hex[..Math.Min(12, hex.Length)];
        }

        var tagStart = TagColon(image);
        return tagStart < 0 ? "latest" : image[(tagStart + 1)..];
    }

    /// <summary>The image without tag or digest: "registry:5000/team/app:v1" → "registry:5000/team/app".</summary>
    public static string Repository(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var named = at >= 0 ? image[..at] : image;
        var tagStart = TagColon(named);
        return tagStart < 0 ? named : named[..tagStart];
    }

    // A colon after the last slash separates the tag; one before it belongs to a registry port.
    private static int TagColon(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? colon : -1;
    }
}
