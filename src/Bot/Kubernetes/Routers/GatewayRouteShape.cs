using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// How the stable HTTPRoute looks for a target: every rule that sends to the stable Service gets weighted backendRefs
/// (stable, canary); user rules become one extra rule, <see cref="UsersRule"/>, whose header matches send those users to
/// the canary only. Promoted or rolled back: the stable Service alone, no canary ref, no extra rule.
/// </summary>
internal static class GatewayRouteShape
{
    public const string UsersRule = "chatopsrelease-canary-users";

    public static JsonObject Shape(JsonObject route, AppSpec app, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(target);
        var shaped = route.DeepClone().AsObject();
        var rules = shaped["spec"]?["rules"] as JsonArray ?? throw new ClusterException($"the HTTPRoute {app.Namespace}/{app.Entry} has no rules to split.");
        foreach (var users in rules.Where(r => (string?)r?["name"] == UsersRule).ToList())
        {
            rules.Remove(users);
        }

        var weight = target.Phase == TrafficPhase.Canary ? target.Weight : 0;
        JsonNode? firstPath = null;
        int? port = null;
        foreach (var rule in rules.OfType<JsonObject>())
        {
            if (rule["backendRefs"] is not JsonArray refs || refs.OfType<JsonObject>().FirstOrDefault(r => (string?)r["name"] == app.Service) is not { } stable)
            {
                continue;
            }

            port ??= (int?)stable["port"];
            firstPath ??= rule["matches"]?[0]?["path"]?.DeepClone();
            var others = refs.OfType<JsonObject>().Where(r => (string?)r["name"] != app.Service && (string?)r["name"] != app.CanaryService).Select(r => r.DeepClone()).ToList();
            var stableRef = stable.DeepClone().AsObject();
            stableRef.Remove("weight");
            if (weight > 0)
            {
                stableRef["weight"] = 100 - weight;
            }

            var weighted = new JsonArray(stableRef);
            if (weight > 0)
            {
                weighted.Add(Ref(app.CanaryService, (int?)stable["port"], weight));
            }

            others.ForEach(weighted.Add);
            rule["backendRefs"] = weighted;
        }

        if (port is null)
        {
            throw new ClusterException($"no rule of the HTTPRoute {app.Namespace}/{app.Entry} sends to the Service {app.Service}, so there is nothing to split.");
        }

        if (target.Phase == TrafficPhase.Canary && target.Rules.Count > 0)
        {
            rules.Insert(0, new JsonObject
            {
                ["name"] = UsersRule,
                ["matches"] = new JsonArray(target.Rules.Select(r => (JsonNode)Match(r, firstPath)).ToArray()),
                ["backendRefs"] = new JsonArray(Ref(app.CanaryService, port, null)),
            });
        }

        return shaped;
    }

    /// <summary>The changes between two shapes of the route, rule by rule.</summary>
    public static IReadOnlyList<ClusterChange> Changes(AppSpec app, JsonObject before, JsonObject after)
    {
        var where = $"HTTPRoute {app.Namespace}/{app.Entry}";
        var old = Describe(before);
        var now = Describe(after);
        return old.Keys.Union(now.Keys)
            .Where(k => old.GetValueOrDefault(k) != now.GetValueOrDefault(k))
            .Select(k => new ClusterChange(where, k, old.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<string, string> Describe(JsonObject route)
    {
        var described = new Dictionary<string, string>(StringComparer.Ordinal);
        var rules = route["spec"]?["rules"] as JsonArray ?? [];
        var index = 0;
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var key = (string?)rule["name"] == UsersRule ? $"spec.rules[{UsersRule}]" : $"spec.rules[{index++}].backendRefs";
            // A lone backendRef takes everything whatever its weight; a missing weight means 1 (the API's default).
            var backends = (rule["backendRefs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var refs = string.Join(", ", backends
                .Select(r => $"{(string?)r["name"]}:{(int?)r["port"]}" + (backends.Count < 2 ? string.Empty : $" weight {(int?)r["weight"] ?? 1}")));
            described[key] = (string?)rule["name"] == UsersRule
                ? $"{string.Join(" or ", (rule["matches"] as JsonArray ?? []).Select(m => string.Join(", ", (m?["headers"] as JsonArray ?? []).Select(h => $"{(string?)h?["name"]}: {(string?)h?["value"]}"))))} → {refs}"
                : refs;
        }

        return described;
    }

    private static JsonObject Ref(string service, int? port, int? weight)
    {
        var backend = new JsonObject { ["name"] = service };
        if (port is not null)
        {
            backend["port"] = port;
        }

        if (weight is not null)
        {
            backend["weight"] = weight;
        }

        return backend;
    }

    private static JsonObject Match(RouteRule rule, JsonNode? path)
    {
        var header = rule.Kind == RouteRuleKind.Header
            ? new JsonObject { ["type"] = "Exact", ["name"] = rule.Name, ["value"] = rule.Value }
            : new JsonObject { ["type"] = "RegularExpression", ["name"] = "Cookie", ["value"] = $"(^|;\\s*){System.Text.RegularExpressions.Regex.Escape(rule.Name)}={RouteRule.CookieValue}(;|$)" };
        var match = new JsonObject { ["headers"] = new JsonArray(header) };
        if (path is not null)
        {
            match["path"] = path.DeepClone();
        }

        return match;
    }
}
