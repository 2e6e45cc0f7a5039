using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Simulator;
using ChatOpsRelease.Sandbox.Store;

namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// Finds the apps that receive traffic: every (namespace, <c>app</c> label) of a Deployment whose pod template carries
/// an <c>app</c> label and that a Service selects. Each app's ready pods are counted by side (<c>track: canary</c> or
/// not) and version (the tag of the pod's first container image), and its split read from its router objects.
/// </summary>
internal static class AppDiscovery
{
    public static List<AppTraffic> Read(ObjectStore store)
    {
        var services = ByNamespace(store.List(ResourceTypes.Service, null).Items);
        var ingresses = ByNamespace(store.List(ResourceTypes.Ingress, null).Items);
        var routes = ByNamespace(store.List(ResourceTypes.HttpRoute, null).Items);
        var pods = ByNamespace(store.List(ResourceTypes.Pod, null).Items);
        var apps = new SortedSet<(string Namespace, string App)>();
        foreach (var deployment in store.List(ResourceTypes.Deployment, null).Items)
        {
            var labels = JsonNodes.StringMap(deployment.ChildOrNull("spec").ChildOrNull("template").ChildOrNull("metadata").ChildOrNull("labels"));
            if (labels.TryGetValue("app", out var app) && services[deployment.Namespace()].Any(s => Selects(s, labels)))
            {
                apps.Add((deployment.Namespace(), app));
            }
        }

        var result = new List<AppTraffic>(apps.Count);
        foreach (var (ns, app) in apps)
        {
            var ready = pods[ns].Where(p => p.Labels().GetValueOrDefault("app") == app && PodFactory.IsReady(p)).ToList();
            var canary = Backends(ready.Where(IsCanary));
            var stable = Backends(ready.Where(p => !IsCanary(p)));
            var appServices = services[ns].Where(s => Selector(s).GetValueOrDefault("app") == app).ToList();
            var split = RouterSplit.For(appServices, ingresses[ns], routes[ns], stable.Sum(b => b.ReadyPods), canary.Sum(b => b.ReadyPods));
            result.Add(new AppTraffic(ns, app, stable, canary, split));
        }

        return result;
    }

    private static ILookup<string, JsonObject> ByNamespace(List<JsonObject> items) => items.ToLookup(i => i.Namespace(), StringComparer.Ordinal);

    private static Dictionary<string, string> Selector(JsonObject service) =>
        JsonNodes.StringMap(service.ChildOrNull("spec").ChildOrNull("selector"));

    private static bool Selects(JsonObject service, Dictionary<string, string> labels)
    {
        var selector = Selector(service);
        return selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
    }

    private static bool IsCanary(JsonObject pod) => pod.Labels().GetValueOrDefault("track") == AppTraffic.CanaryTrack;

    private static List<Backend> Backends(IEnumerable<JsonObject> pods) =>
        pods.GroupBy(p => ImageTag.Of(PodView.FirstImage(p)), StringComparer.Ordinal)
            .Select(g => new Backend(g.Key, [.. g.Select(p => p.Uid())]))
            .OrderBy(b => b.Version, StringComparer.Ordinal)
            .ToList();
}
