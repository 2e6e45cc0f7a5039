using System.Text.Json.Nodes;

namespace ChatOpsRelease.Sandbox;

/// <summary>The objects that <see cref="SandboxCluster.SeedAsync"/> creates for a workload: its Deployment and Service (and its entry object).</summary>
internal static partial class WorkloadManifests
{
    public static JsonObject Deployment(SandboxWorkload workload) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = workload.Name,
            ["namespace"] = workload.Namespace,
            ["labels"] = AppLabels(workload),
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = workload.Replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = AppLabels(workload) },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = AppLabels(workload) },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = workload.Name,
                        ["image"] = workload.Image,
                        ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = workload.Port, ["protocol"] = "TCP" }),
                    }),
                },
            },
        },
    };

    public static JsonObject Service(SandboxWorkload workload) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject
        {
            ["name"] = ServiceName(workload),
            ["namespace"] = workload.Namespace,
            ["labels"] = AppLabels(workload),
        },
        ["spec"] = new JsonObject
        {
            ["selector"] = AppLabels(workload),
            ["ports"] = new JsonArray(new JsonObject
            {
                ["name"] = "http",
                ["port"] = 80,
                ["targetPort"] = workload.Port,
                ["protocol"] = "TCP",
            }),
        },
    };

    private static string ServiceName(SandboxWorkload workload) => workload.ServiceName ?? workload.Name;

    private static JsonObject AppLabels(SandboxWorkload workload) => new() { ["app"] = workload.Name };
}
