using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Tables;

/// <summary>The server-side printing columns and row cells per kind, matching the API server's printers.</summary>
internal static class TableColumns
{
    private const string ConfigMapDataDescription =
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.";

    public static IReadOnlyList<(string Name, string Type, int Priority, string Description)> For(ResourceType type)
    {
        if (type == ResourceTypes.Deployment)
        {
            return
            [
                Name(), ("Ready", "string", 0, "Number of the pod with ready state"),
                ("Up-to-date", "string", 0, "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                ("Available", "string", 0, "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
                Age(), ("Containers", "string", 1, "Names of each container in the template."),
                ("Images", "string", 1, "Images referenced by each container in the template."),
                ("Selector", "string", 1, "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
            ];
        }

        if (type == ResourceTypes.Service)
        {
            return
            [
                Name(), ("Type", "string", 0, "type determines how the Service is exposed."),
                ("Cluster-IP", "string", 0, "clusterIP is the IP address of the service."),
                ("External-IP", "string", 0, "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
                ("Port(s)", "string", 0, "The list of ports that are exposed by this service."),
                Age(), ("Selector", "string", 1, "Route service traffic to pods with label keys and values matching this selector."),
            ];
        }

        if (type == ResourceTypes.Pod)
        {
            return
            [
                Name(), ("Ready", "string", 0, "The aggregate readiness state of this pod for accepting traffic."),
                ("Status", "string", 0, "The aggregate status of the containers in this pod."),
                ("Restarts", "string", 0, "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                Age(), ("IP", "string", 1, "IP address allocated to the pod."),
                ("Node", "string", 1, "Name of the node this pod is assigned to."),
                ("Nominated Node", "string", 1, "Name of the node where the pod is nominated to run."),
                ("Readiness Gates", "string", 1, "Pod readiness gates."),
            ];
        }

        if (type == ResourceTypes.Ingress)
        {
            return NetworkingColumns.Ingress(Name(), Age());
        }

        if (type == ResourceTypes.HttpRoute)
        {
            return NetworkingColumns.HttpRoute(Name());
        }

        if (type == ResourceTypes.ConfigMap)
        {
            return [Name(), ("Data", "string", 0, ConfigMapDataDescription), Age()];
        }

        return [Name(), ("Status", "string", 0, "The status of the namespace"), Age()];
    }

    public static JsonArray Cells(ResourceType type, JsonObject obj, DateTimeOffset now)
    {
        var spec = obj.ChildOrNull("spec");
        var status = obj.ChildOrNull("status");
        var created = JsonNodes.ParseTimestamp(obj.ChildOrNull("metadata").Str("creationTimestamp"));
        var age = created is null ? "<unknown>" : HumanDuration.Format(now - created.Value);
        if (type == ResourceTypes.Deployment)
        {
            var containers = (spec.ChildOrNull("template").ChildOrNull("spec").ArrayOrNull("containers") ?? []).OfType<JsonObject>().ToList();
            return
            [
                obj.Name(), Invariant($"{status.Long("readyReplicas") ?? 0}/{spec.Long("replicas") ?? 1}"),
                status.Long("updatedReplicas") ?? 0, status.Long("availableReplicas") ?? 0, age,
                string.Join(',', containers.Select(c => c.Str("name"))), string.Join(',', containers.Select(c => c.Str("image"))),
                SelectorText(JsonNodes.StringMap(spec.ChildOrNull("selector").ChildOrNull("matchLabels"))),
            ];
        }

        if (type == ResourceTypes.Service)
        {
            var selector = JsonNodes.StringMap(spec.ChildOrNull("selector"));
            return
            [
                obj.Name(), spec.Str("type") ?? "ClusterIP", spec.Str("clusterIP") ?? "<none>", ExternalIp(spec, status),
                Ports(spec), age, selector.Count == 0 ? "<none>" : SelectorText(selector),
            ];
        }

        if (type == ResourceTypes.Pod)
        {
            var statuses = (status.ArrayOrNull("containerStatuses") ?? []).OfType<JsonObject>().ToList();
            var total = spec.ArrayOrNull("containers")?.Count ?? 0;
            return
            [
                obj.Name(), Invariant($"{statuses.Count(c => c.Bool("ready") == true)}/{total}"), PodReason(obj, statuses),
                Invariant($"{statuses.Sum(c => c.Long("restartCount") ?? 0)}"), age, status.Str("podIP") ?? "<none>",
                spec.Str("nodeName") ?? "<none>", status.Str("nominatedNodeName") ?? "<none>", "<none>",
            ];
        }

        if (type == ResourceTypes.Ingress)
        {
            return NetworkingColumns.IngressCells(obj, age);
        }

        if (type == ResourceTypes.HttpRoute)
        {
            return NetworkingColumns.HttpRouteCells(obj, age);
        }

        if (type == ResourceTypes.ConfigMap)
        {
            return [obj.Name(), (obj.ChildOrNull("data")?.Count ?? 0) + (obj.ChildOrNull("binaryData")?.Count ?? 0), age];
        }

        return [obj.Name(), status.Str("phase") ?? "Active", age];
    }

    private static (string, string, int, string) Name() =>
        ("Name", "string", 0, "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.");

    private static (string, string, int, string) Age() =>
        ("Age", "string", 0, "CreationTimestamp is a timestamp representing the server time when this object was created.");

    private static string PodReason(JsonObject pod, List<JsonObject> statuses)
    {
        if (pod.ChildOrNull("metadata")?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        var waiting = statuses.Select(c => c.ChildOrNull("state").ChildOrNull("waiting").Str("reason")).FirstOrDefault(r => r is not null);
        return waiting ?? pod.ChildOrNull("status").Str("reason") ?? pod.ChildOrNull("status").Str("phase") ?? "Pending";
    }

    private static string ExternalIp(JsonObject? spec, JsonObject? status)
    {
        var external = (spec.ArrayOrNull("externalIPs") ?? []).Select(JsonNodes.AsString).OfType<string>().ToList();
        if (spec.Str("type") == "LoadBalancer")
        {
            external.AddRange((status.ChildOrNull("loadBalancer").ArrayOrNull("ingress") ?? []).OfType<JsonObject>()
                .Select(i => i.Str("ip") ?? i.Str("hostname")).OfType<string>());
            return external.Count == 0 ? "<pending>" : string.Join(',', external);
        }

        return external.Count == 0 ? "<none>" : string.Join(',', external);
    }

    private static string Ports(JsonObject? spec)
    {
        var ports = (spec.ArrayOrNull("ports") ?? []).OfType<JsonObject>().Select(p =>
            p.Long("nodePort") is { } nodePort
                ? Invariant($"{p.Long("port")}:{nodePort}/{p.Str("protocol") ?? "TCP"}")
                : Invariant($"{p.Long("port")}/{p.Str("protocol") ?? "TCP"}")).ToList();
        return ports.Count == 0 ? "<none>" : string.Join(',', ports);
    }

    private static string SelectorText(IReadOnlyDictionary<string, string> labels) =>
        string.Join(',', labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
