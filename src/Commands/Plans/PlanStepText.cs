using System.Globalization;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Plans;

/// <summary>How plan steps are written in configuration and plan files: bake times and rules as short text.</summary>
public static class PlanStepText
{
    /// <summary>A bake time: <c>10m</c>, <c>1h30m</c>, <c>90 minutes</c> or <c>00:10:00</c>; empty is zero.</summary>
    public static bool TryParseBake(string? text, out TimeSpan bake)
    {
        bake = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        return DurationParser.TryParse(trimmed, out bake) || TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out bake);
    }

    /// <summary>A header rule written <c>Name=value</c> (or <c>Name: value</c>); null when it is neither.</summary>
    public static RouteRule? Header(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOfAny(['=', ':']);
        return at <= 0 ? null : new RouteRule { Kind = RouteRuleKind.Header, Name = text[..at].Trim(), Value = text[(at + 1)..].Trim() };
    }

    public static RouteRule Cookie(string name) => new() { Kind = RouteRuleKind.Cookie, Name = (name ?? string.Empty).Trim() };
}
