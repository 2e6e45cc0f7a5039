using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>
/// What the API server (or, for HTTPRoute, the Gateway API CRD's schema defaults) adds to Ingresses and HTTPRoutes.
/// </summary>
internal static class NetworkingDefaults
{
    /// <summary>The address every Ingress gets, as if one ingress controller's load balancer served them all.</summary>
    public const string IngressAddress = "10.96.0.200";

    public static JsonObject IngressStatus() => new()
    {
        ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = IngressAddress }) },
    };

    /// <summary>The standard-channel HTTPRoute CRD defaults: parent and backend kinds, weight 1, a <c>/</c> prefix match.</summary>
    public static void ApplyHttpRoute(JsonObject route)
    {
        var spec = route.Child("spec");
        foreach (var parent in Objects(spec, "parentRefs"))
        {
            parent["group"] ??= "gateway.networking.k8s.io";
            parent["kind"] ??= "Gateway";
        }

        spec["rules"] ??= new JsonArray(new JsonObject { ["matches"] = new JsonArray(DefaultMatch()) });
        foreach (var rule in Objects(spec, "rules"))
        {
            rule["matches"] ??= new JsonArray(DefaultMatch());
            foreach (var match in Objects(rule, "matches"))
            {
                if (match["path"] is JsonObject path)
                {
                    path["type"] ??= "PathPrefix";
                    path["value"] ??= "/";
                }
                else
                {
                    match["path"] ??= DefaultMatch()["path"]!.DeepClone();
                }

                foreach (var header in Objects(match, "headers").Concat(Objects(match, "queryParams")))
                {
                    header["type"] ??= "Exact";
                }
            }

            foreach (var backend in Objects(rule, "backendRefs"))
            {
                backend["group"] ??= "";
                backend["kind"] ??= "Service";
                backend["weight"] ??= 1;
            }
        }
    }

    private static JsonObject DefaultMatch() => new()
    {
        ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" },
    };

    private static IEnumerable<JsonObject> Objects(JsonObject parent, string name) =>
        (parent.ArrayOrNull(name) ?? []).OfType<JsonObject>();
}
