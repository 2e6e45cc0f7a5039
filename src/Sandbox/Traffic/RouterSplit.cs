using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// Reads an app's split from its router objects, as the bot writes them: a canary Ingress (NGINX annotations) first,
/// then an HTTPRoute sending to a canary Service (weighted backendRefs and the users rule), else the ratio of ready
/// pods, as a Service selecting stable and canary pods alike would balance them. A live Service whose selector names a
/// track (a blue-green release) sends what reaches it to that track alone: pinned to the canary, every request goes there.
/// </summary>
internal static class RouterSplit
{
    public const string UsersRule = "chatopsrelease-canary-users";
    private const string Nginx = "nginx.ingress.kubernetes.io/";

    /// <param name="services">The app's Services: those whose selector has its <c>app</c> label.</param>
    public static TrafficSplit For(
        IReadOnlyList<JsonObject> services, IEnumerable<JsonObject> ingresses, IEnumerable<JsonObject> routes, int stableReady, int canaryReady)
    {
        var split = Unpinned(services, ingresses, routes, stableReady, canaryReady);
        var live = services.Where(s => !IsCanaryService(s)).Select(Track).FirstOrDefault(t => t is not null);
        return live switch
        {
            AppTraffic.CanaryTrack => split with { CanaryShare = 1 },
            AppTraffic.StableTrack when split.Router == "replicas" => split with { CanaryShare = 0 },
            _ => split,
        };
    }

    private static TrafficSplit Unpinned(
        IReadOnlyList<JsonObject> services, IEnumerable<JsonObject> ingresses, IEnumerable<JsonObject> routes, int stableReady, int canaryReady)
    {
        var canaryServices = services.Where(IsCanaryService).Select(s => s.Name()).ToHashSet(StringComparer.Ordinal);
        var appServices = services.Select(s => s.Name()).ToHashSet(StringComparer.Ordinal);
        if (ingresses.FirstOrDefault(i => IsCanaryIngress(i, canaryServices)) is { } ingress)
        {
            return FromIngress(ingress);
        }

        if (routes.FirstOrDefault(r => Rules(r).Any(rule => BackendRefs(r, rule).Any(b => canaryServices.Contains(b.Name)))) is { } route)
        {
            return FromRoute(route, appServices, canaryServices);
        }

        var ready = stableReady + canaryReady;
        return new TrafficSplit("replicas", ready == 0 ? 0 : (double)canaryReady / ready, false);
    }

    private static string? Track(JsonObject service) =>
        JsonNodes.StringMap(service.ChildOrNull("spec").ChildOrNull("selector")).GetValueOrDefault("track");

    /// <summary>A Service that exists to reach the canary alone (<c>&lt;service&gt;-canary</c>), not the live one pinned to it.</summary>
    private static bool IsCanaryService(JsonObject service) =>
        Track(service) == AppTraffic.CanaryTrack && service.Name().EndsWith("-canary", StringComparison.Ordinal);

    private static bool IsCanaryIngress(JsonObject ingress, HashSet<string> canaryServices)
    {
        var annotations = JsonNodes.StringMap(ingress.ChildOrNull("metadata").ChildOrNull("annotations"));
        return string.Equals(annotations.GetValueOrDefault(Nginx + "canary"), "true", StringComparison.OrdinalIgnoreCase)
            && IngressBackends(ingress).Any(canaryServices.Contains);
    }

    private static TrafficSplit FromIngress(JsonObject ingress)
    {
        var annotations = JsonNodes.StringMap(ingress.ChildOrNull("metadata").ChildOrNull("annotations"));
        var weight = Number(annotations.GetValueOrDefault(Nginx + "canary-weight")) ?? 0;
        var total = Number(annotations.GetValueOrDefault(Nginx + "canary-weight-total")) is { } t && t > 0 ? t : 100;
        var userRule = new[] { "canary-by-header", "canary-by-cookie" }
            .Any(key => !string.IsNullOrWhiteSpace(annotations.GetValueOrDefault(Nginx + key)));
        return new TrafficSplit("nginx", Math.Clamp(weight / total, 0, 1), userRule);
    }

    private static TrafficSplit FromRoute(JsonObject route, HashSet<string> appServices, HashSet<string> canaryServices)
    {
        var rules = Rules(route).ToList();
        var userRule = rules.Any(r => r.Str("name") == UsersRule && BackendRefs(route, r).Any(b => canaryServices.Contains(b.Name)));
        var share = 0.0;
        var weighted = rules.FirstOrDefault(r => r.Str("name") != UsersRule && BackendRefs(route, r).Any(b => appServices.Contains(b.Name)));
        if (weighted is not null)
        {
            var refs = BackendRefs(route, weighted).Where(b => appServices.Contains(b.Name)).ToList();
            // A lone backendRef takes every request whatever its weight; a missing weight means 1.
            var total = refs.Count == 1 ? 1 : refs.Sum(b => b.Weight);
            var canary = refs.Count == 1 ? (canaryServices.Contains(refs[0].Name) ? 1 : 0) : refs.Where(b => canaryServices.Contains(b.Name)).Sum(b => b.Weight);
            share = total > 0 ? (double)canary / total : 0;
        }

        return new TrafficSplit("gateway", share, userRule);
    }

    private static IEnumerable<string> IngressBackends(JsonObject ingress)
    {
        var spec = ingress.ChildOrNull("spec");
        if (spec.ChildOrNull("defaultBackend").ChildOrNull("service").Str("name") is { } defaultName)
        {
            yield return defaultName;
        }

        foreach (var rule in (spec.ArrayOrNull("rules") ?? []).OfType<JsonObject>())
        {
            foreach (var path in (rule.ChildOrNull("http").ArrayOrNull("paths") ?? []).OfType<JsonObject>())
            {
                if (path.ChildOrNull("backend").ChildOrNull("service").Str("name") is { } name)
                {
                    yield return name;
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Rules(JsonObject route) =>
        (route.ChildOrNull("spec").ArrayOrNull("rules") ?? []).OfType<JsonObject>();

    /// <summary>The rule's backendRefs to Services in the route's own namespace, with their weights.</summary>
    private static IEnumerable<(string Name, long Weight)> BackendRefs(JsonObject route, JsonObject rule) =>
        (rule.ArrayOrNull("backendRefs") ?? []).OfType<JsonObject>()
            .Where(b => (b.Str("kind") ?? "Service") == "Service" && string.IsNullOrEmpty(b.Str("group")))
            .Where(b => (b.Str("namespace") ?? route.Namespace()) == route.Namespace())
            .Where(b => b.Str("name") is not null)
            .Select(b => (b.Str("name")!, Math.Max(0, b.Long("weight") ?? 1)));

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
