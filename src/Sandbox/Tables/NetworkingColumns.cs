using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Tables;

/// <summary>
/// Table columns and cells for Ingresses (the API server's printer) and HTTPRoutes (the CRD's additional printer
/// columns, whose list values print as JSON).
/// </summary>
internal static class NetworkingColumns
{
    private const int MaxHosts = 3;

    public static IReadOnlyList<(string Name, string Type, int Priority, string Description)> Ingress(
        (string, string, int, string) name, (string, string, int, string) age) =>
    [
        name, ("Class", "string", 0, "The name of the IngressClass resource that should be used for ingress"),
        ("Hosts", "string", 0, "Hosts that incoming requests are matched against before the ingress rule"),
        ("Address", "string", 0, "Address is a list containing ingress points for the load-balancer"),
        ("Ports", "string", 0, "Ports of TLS configurations that open"), age,
    ];

    public static IReadOnlyList<(string Name, string Type, int Priority, string Description)> HttpRoute(
        (string, string, int, string) name) =>
    [
        name, ("Hostnames", "string", 0, "Custom resource definition column (in JSONPath format): .spec.hostnames"),
        ("Age", "date", 0, "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp"),
    ];

    public static JsonArray IngressCells(JsonObject ingress, string age)
    {
        var spec = ingress.ChildOrNull("spec");
        var addresses = (ingress.ChildOrNull("status").ChildOrNull("loadBalancer").ArrayOrNull("ingress") ?? [])
            .OfType<JsonObject>()
            .Select(i => i.Str("ip") is { Length: > 0 } ip ? ip : i.Str("hostname"))
            .Where(a => !string.IsNullOrEmpty(a))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var tls = spec.ArrayOrNull("tls")?.Count ?? 0;
        return
        [
            ingress.Name(), spec.Str("ingressClassName") ?? "<none>", Hosts(spec.ArrayOrNull("rules") ?? []),
            string.Join(',', addresses), tls == 0 ? "80" : "80, 443", age,
        ];
    }

    public static JsonArray HttpRouteCells(JsonObject route, string age)
    {
        var hostnames = route.ChildOrNull("spec")?["hostnames"];
        JsonNode? cell = hostnames switch
        {
            null => null,
            JsonValue value when JsonNodes.AsString(value) is { } text => text,
            _ => hostnames.ToWire(),
        };
        return [route.Name(), cell, age];
    }

    /// <summary>Up to three rule hosts, comma-joined, then "+ N more..."; "*" when no rule names a host.</summary>
    private static string Hosts(JsonArray rules)
    {
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (hosts.Count == MaxHosts)
            {
                more = true;
            }

            if (!more && (rule as JsonObject).Str("host") is { Length: > 0 } host)
            {
                hosts.Add(host);
            }
        }

        if (hosts.Count == 0)
        {
            return "*";
        }

        var joined = string.Join(',', hosts);
        return more ? $"{joined} + {rules.Count - MaxHosts} more..." : joined;
    }
}
