using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>
/// The legacy discovery documents (/version, /api, /apis, /api/v1, /apis/{group}, /apis/{group}/{version}). Aggregated discovery is not
/// offered: answering plain <c>application/json</c> makes kubectl fall back to these documents.
/// </summary>
internal static class Discovery
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-sandbox",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/" + (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64"),
    };

    public static JsonObject Root()
    {
        var paths = new List<string> { "/api", "/api/v1", "/apis" };
        foreach (var (group, version) in ResourceTypes.Groups)
        {
            paths.Add($"/apis/{group}");
            paths.Add($"/apis/{group}/{version}");
        }

        paths.AddRange(["/healthz", "/livez", "/metrics", "/readyz", "/version"]);
        return new JsonObject { ["paths"] = new JsonArray([.. paths.Select(p => (JsonNode)p)]) };
    }

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. ResourceTypes.Groups.Select(g => (JsonNode)GroupBody(g.Group, g.Version))]),
    };

    /// <summary>The APIGroup document of a served group, or null when the group is not served.</summary>
    public static JsonObject? Group(string name)
    {
        if (!ResourceTypes.Groups.Any(g => g.Group == name))
        {
            return null;
        }

        var (_, version) = ResourceTypes.Groups.First(g => g.Group == name);
        var group = GroupBody(name, version);
        group["kind"] = "APIGroup";
        group["apiVersion"] = "v1";
        return group;
    }

    public static JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in ResourceTypes.InGroupVersion(group, version))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. type.Verbs.Select(v => (JsonNode)v)]),
                ["shortNames"] = new JsonArray([.. type.ShortNames.Select(n => (JsonNode)n)]),
            };
            if (type.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray([.. type.Categories.Select(c => (JsonNode)c)]);
            }

            resources.Add(resource);
            if (type.HasStatus)
            {
                resources.Add(Subresource($"{type.Plural}/status", "", "", type.Kind, "get", "patch", "update"));
            }

            if (type == ResourceTypes.Deployment)
            {
                resources.Add(Subresource("deployments/scale", "autoscaling", "v1", "Scale", "get", "patch", "update"));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Subresource(string name, string group, string version, string kind, params string[] verbs)
    {
        var resource = new JsonObject { ["name"] = name, ["singularName"] = "", ["namespaced"] = true };
        if (group.Length > 0)
        {
            resource["group"] = group;
            resource["version"] = version;
        }

        resource["kind"] = kind;
        resource["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]);
        return resource;
    }

    private static JsonObject GroupBody(string group, string version) => new()
    {
        ["name"] = group,
        ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version }),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version },
    };
}
