namespace ChatOpsRelease.Commands.Releases;

public enum RouteRuleKind
{
    /// <summary>Requests carrying a header with an exact value go to the canary.</summary>
    Header,

    /// <summary>Requests carrying the cookie with the value <c>always</c> go to the canary.</summary>
    Cookie,
}

/// <summary>
/// A user rule: which requests reach the canary whatever the weight — the edge-validation phase, where testers
/// mark their requests before anyone else is sent. Optionally for a limited time.
/// </summary>
public sealed class RouteRule
{
    public RouteRuleKind Kind { get; set; }

    /// <summary>The header or cookie name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>For a header: the exact value that selects the canary. Not used for cookies.</summary>
    public string? Value { get; set; }

    /// <summary>When the rule ends by itself, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the rule was asked for (with <see cref="ExpiresAt"/>, how long it was meant to last).</summary>
    public DateTimeOffset? SetAt { get; set; }

    /// <summary>The value a cookie rule matches (NGINX Ingress's convention).</summary>
    public const string CookieValue = "always";

    /// <summary>Why a header rule with this name and exact value cannot be matched by routers, or null (the checks of <c>route</c>).</summary>
    public static string? HeaderProblem(string name, string value) =>
        Parsing.RouteParser.TokenError("header", name) ?? Parsing.RouteParser.ValueError(name, value);

    public string Describe() => Kind == RouteRuleKind.Header ? $"header {Name}: {Value}" : $"cookie {Name}={CookieValue}";

    /// <summary>True when both rules select by the same header (names ignore case) or the same cookie (names are exact).</summary>
    public bool IsSameRuleAs(RouteRule other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && string.Equals(Name, other.Name,
            Kind == RouteRuleKind.Header ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    public RouteRule Copy() => new() { Kind = Kind, Name = Name, Value = Value, ExpiresAt = ExpiresAt, SetAt = SetAt };
}
