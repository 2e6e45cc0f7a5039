using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>
/// The legacy discovery documents (/version, /api, /apis, /api/v1, /apis/apps/v1). Aggregated discovery is not
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

    public static JsonObject Root() => new()
    {
        ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/healthz", "/livez", "/readyz", "/version"),
    };

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
        ["groups"] = new JsonArray(AppsGroupBody()),
    };

    public static JsonObject AppsGroup()
    {
        var group = AppsGroupBody();
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
            if (type != ResourceTypes.Namespace)
            {
                resource["categories"] = new JsonArray("all");
            }

            resources.Add(resource);
            if (type == ResourceTypes.Deployment)
            {
                resources.Add(Subresource("deployments/status", "", "", "Deployment", "get", "patch", "update"));
                resources.Add(Subresource("deployments/scale", "autoscaling", "v1", "Scale", "get", "patch", "update"));
            }
            else if (type == ResourceTypes.Pod)
            {
                resources.Add(Subresource("pods/status", "", "", "Pod", "get", "patch", "update"));
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

    private static JsonObject AppsGroupBody() => new()
    {
        ["name"] = "apps",
        ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" }),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" },
    };
}
