using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox;

/// <summary>The entry object (Ingress or HTTPRoute) seeded for a workload that asks for one.</summary>
internal static partial class WorkloadManifests
{
    public static (ResourceType Type, JsonObject Manifest) Entry(SandboxWorkload workload, SandboxEntry entry) =>
        entry.Kind == SandboxEntryKind.Ingress
            ? (ResourceTypes.Ingress, Ingress(workload, entry))
            : (ResourceTypes.HttpRoute, HttpRoute(workload, entry));

    private static JsonObject Ingress(SandboxWorkload workload, SandboxEntry entry)
    {
        var spec = new JsonObject();
        if (entry.IngressClass is { } ingressClass)
        {
            spec["ingressClassName"] = ingressClass;
        }

        spec["rules"] = new JsonArray(new JsonObject
        {
            ["host"] = entry.Host,
            ["http"] = new JsonObject
            {
                ["paths"] = new JsonArray(new JsonObject
                {
                    ["path"] = "/",
                    ["pathType"] = "Prefix",
                    ["backend"] = new JsonObject
                    {
                        ["service"] = new JsonObject
                        {
                            ["name"] = ServiceName(workload),
                            ["port"] = new JsonObject { ["number"] = 80 },
                        },
                    },
                }),
            },
        });
        return Manifest(ResourceTypes.Ingress, workload, spec);
    }

    private static JsonObject HttpRoute(SandboxWorkload workload, SandboxEntry entry) =>
        Manifest(ResourceTypes.HttpRoute, workload, new JsonObject
        {
            ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = entry.Gateway }),
            ["hostnames"] = new JsonArray(entry.Host),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["matches"] = new JsonArray(new JsonObject
                {
                    ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" },
                }),
                ["backendRefs"] = new JsonArray(new JsonObject { ["name"] = ServiceName(workload), ["port"] = 80 }),
            }),
        });

    private static JsonObject Manifest(ResourceType type, SandboxWorkload workload, JsonObject spec) => new()
    {
        ["apiVersion"] = type.ApiVersion,
        ["kind"] = type.Kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = workload.Name,
            ["namespace"] = workload.Namespace,
            ["labels"] = AppLabels(workload),
        },
        ["spec"] = spec,
    };
}
