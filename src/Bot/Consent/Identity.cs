namespace ChatOpsRelease.Bot.Consent;

/// <summary>
/// The identities a grant may name: <c>*</c> (anyone), <c>&lt;platform&gt;:*</c> (anyone on the platform),
/// <c>&lt;platform&gt;:&lt;user id&gt;</c>, and <c>&lt;platform&gt;-group:&lt;group id&gt;</c> where the bot can read the
/// platform's groups (Slack user groups only).
/// </summary>
internal static class Identity
{
    public static readonly string[] Platforms = ["console", "slack", "teams"];

    /// <summary>The platforms whose groups the bot can read.</summary>
    public static readonly string[] GroupPlatforms = ["slack"];

    private const string GroupSuffix = "-group";

    /// <summary>What is wrong with <paramref name="identity"/> as written, or null.</summary>
    public static string? Problem(string identity)
    {
        var text = identity.Trim();
        if (text == "*")
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? text[..colon] : text;
        var id = colon > 0 ? text[(colon + 1)..] : "";
        var isGroup = prefix.EndsWith(GroupSuffix, StringComparison.OrdinalIgnoreCase);
        var platform = isGroup ? prefix[..^GroupSuffix.Length] : prefix;
        if (colon <= 0 || id.Length == 0 || id.Any(char.IsWhiteSpace) || !Platforms.Contains(platform, StringComparer.OrdinalIgnoreCase)
            || (isGroup && id == "*"))
        {
            return $"'{identity}' is not an identity; write *, <platform>:<user id>, <platform>:* or slack-group:<group id>, "
                + $"with platform {string.Join(", ", Platforms)}.";
        }

        return isGroup && !GroupPlatforms.Contains(platform, StringComparer.OrdinalIgnoreCase)
            ? $"'{identity}' names a group of {platform.ToLowerInvariant()}, whose groups the bot cannot read; only slack-group:<group id> is supported."
            : null;
    }

    /// <summary>The identity with its platform in lower case (<c>Slack:U1</c> → <c>slack:U1</c>); ids keep their case.</summary>
    public static string Normalize(string identity)
    {
        var colon = identity.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? identity[..colon].ToLowerInvariant() + identity[colon..] : identity;
    }
}
