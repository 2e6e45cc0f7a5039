using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>A request path resolved to a resource (and optionally namespace, name, subresource).</summary>
internal sealed record ApiRoute(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool WatchPath)
{
    /// <summary>
    /// Parses the segments after <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; null when no resource matches.
    /// Handles <c>namespaces/{ns}/{plural}[/{name}[/{sub}]]</c>, <c>{plural}[/{name}[/{sub}]]</c> and the legacy
    /// <c>watch/</c> prefix.
    /// </summary>
    public static ApiRoute? Parse(string group, string version, ReadOnlySpan<string> rest)
    {
        var watchPath = rest.Length > 0 && rest[0] == "watch";
        if (watchPath)
        {
            rest = rest[1..];
        }

        if (rest.Length == 0)
        {
            return null;
        }

        if (rest.Length >= 3 && rest[0] == "namespaces"
            && ResourceTypes.ByPlural(group, rest[2]) is { Namespaced: true, Version: var v } namespacedType && v == version)
        {
            return rest.Length > 5
                ? null
                : new ApiRoute(namespacedType, rest[1], At(rest, 3), At(rest, 4), watchPath);
        }

        if (ResourceTypes.ByPlural(group, rest[0]) is not { } type || type.Version != version || rest.Length > 3)
        {
            return null;
        }

        if (type.Namespaced && rest.Length > 1)
        {
            return null;
        }

        return new ApiRoute(type, null, At(rest, 1), At(rest, 2), watchPath);
    }

    private static string? At(ReadOnlySpan<string> parts, int index) => index < parts.Length ? parts[index] : null;
}
