using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Selectors;

/// <summary>Evaluates a structured <c>LabelSelector</c> (matchLabels + matchExpressions) as found in Deployment specs.</summary>
internal static class SelectorObject
{
    public static bool IsEmpty(JsonObject? selector) =>
        selector is null
        || ((selector.ChildOrNull("matchLabels")?.Count ?? 0) == 0 && (selector.ArrayOrNull("matchExpressions")?.Count ?? 0) == 0);

    public static bool Matches(JsonObject selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in JsonNodes.StringMap(selector.ChildOrNull("matchLabels")))
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in (selector.ArrayOrNull("matchExpressions") ?? []).OfType<JsonObject>())
        {
            var key = expression.Str("key") ?? "";
            var values = (expression.ArrayOrNull("values") ?? []).Select(JsonNodes.AsString).ToList();
            var present = labels.TryGetValue(key, out var actual);
            var ok = expression.Str("operator") switch
            {
                "In" => present && values.Contains(actual),
                "NotIn" => !present || !values.Contains(actual),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Renders a string map the way Go prints it in validation messages.</summary>
    public static string GoMap(IReadOnlyDictionary<string, string> map) =>
        "map[string]string{"
        + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":\"{p.Value}\""))
        + "}";

    /// <summary>Renders a selector roughly the way Go prints a <c>v1.LabelSelector</c>.</summary>
    public static string GoSelector(JsonObject? selector)
    {
        if (selector is null)
        {
            return "nil";
        }

        var matchLabels = selector.ChildOrNull("matchLabels") is { } labels ? GoMap(JsonNodes.StringMap(labels)) : "map[string]string(nil)";
        var expressions = selector.ArrayOrNull("matchExpressions") is { Count: > 0 } list
            ? "[]v1.LabelSelectorRequirement{" + string.Join(", ", list.Select(e => e?.ToJsonString())) + "}"
            : "[]v1.LabelSelectorRequirement(nil)";
        return $"&v1.LabelSelector{{MatchLabels:{matchLabels}, MatchExpressions:{expressions}}}";
    }
}
