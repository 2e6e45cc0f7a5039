using System.Collections.Concurrent;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// The service URLs of authenticated activities, kept in memory (thread-safe). Addresses are compared in their
/// <see cref="Normalize">normal form</see>, so <c>HTTPS://SMBA.trafficmanager.net/amer</c> and
/// <c>https://smba.trafficmanager.net/amer/</c> are one URL; the path keeps its case.
/// </summary>
internal sealed class TrustedServiceUrls : ITrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _trusted = new(StringComparer.Ordinal);

    /// <summary>Trusts <paramref name="serviceUrl"/>; an address that is not absolute http(s) is an <see cref="ArgumentException"/>.</summary>
    public void Trust(string serviceUrl) =>
        _trusted.TryAdd(
            Normalize(serviceUrl) ?? throw new ArgumentException($"'{serviceUrl}' is not an absolute http(s) address, so it cannot be a Teams service URL.", nameof(serviceUrl)),
            0);

    public bool IsTrusted(string serviceUrl) => Normalize(serviceUrl) is { } normal && _trusted.ContainsKey(normal);

    /// <summary>
    /// <c>scheme://host[:port]/path/</c>: scheme and host in lower case, no default port, no query, fragment or user
    /// info, and exactly one slash at the end; null when <paramref name="serviceUrl"/> is not an absolute http(s) address.
    /// </summary>
    public static string? Normalize(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl?.Trim(), UriKind.Absolute, out var address)
            || address.Scheme is not ("https" or "http")
            || address.UserInfo.Length > 0)
        {
            return null;
        }

        var server = address.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant();
        return server + address.AbsolutePath.TrimEnd('/') + "/";
    }
}
