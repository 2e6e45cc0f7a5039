using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>Builds the pods a Deployment owns and the pod statuses the simulated kubelet reports.</summary>
internal sealed class PodFactory
{
    public const string NodeName = "sandbox-node";
    private const string HostIp = "10.89.0.2";
    private const string CrashLoopBackOff = "CrashLoopBackOff";
    private int _nextPodIp = 10;

    /// <summary>A new pod from the Deployment's template: <c>&lt;deployment&gt;-&lt;hash&gt;-&lt;5 chars&gt;</c>.</summary>
    public static JsonObject FromTemplate(JsonObject deployment, string templateHash)
    {
        var template = deployment.ChildOrNull("spec").ChildOrNull("template");
        var templateMeta = template.ChildOrNull("metadata");
        var labels = JsonNodes.StringMap(templateMeta.ChildOrNull("labels"));
        labels[TemplateHash.Label] = templateHash;
        var prefix = $"{deployment.Name()}-{templateHash}-";
        var metadata = new JsonObject
        {
            ["name"] = prefix + Names.RandomSuffix(),
            ["generateName"] = prefix,
            ["namespace"] = deployment.Namespace(),
            ["labels"] = JsonNodes.ToJsonObject(labels),
        };
        if (templateMeta.ChildOrNull("annotations") is { Count: > 0 } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["name"] = deployment.Name(),
            ["uid"] = deployment.Uid(),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        var spec = template.ChildOrNull("spec")?.Copy() ?? [];
        spec["nodeName"] = NodeName;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    /// <summary>Status of a scheduled pod whose containers are still being created.</summary>
    public static JsonObject Scheduled(JsonObject pod, DateTimeOffset now)
    {
        var statuses = new JsonArray();
        foreach (var container in Containers(pod))
        {
            statuses.Add(new JsonObject
            {
                ["name"] = container.Str("name"),
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
                ["lastState"] = new JsonObject(),
                ["ready"] = false,
                ["restartCount"] = 0,
                ["image"] = container.Str("image"),
                ["imageID"] = "",
                ["started"] = false,
            });
        }

        var at = JsonNodes.Timestamp(now);
        var unready = $"containers with unready status: [{string.Join(' ', Containers(pod).Select(c => c.Str("name")))}]";
        return new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "False", at), Condition("Initialized", "True", at),
                Condition("Ready", "False", at, "ContainersNotReady", unready),
                Condition("ContainersReady", "False", at, "ContainersNotReady", unready),
                Condition("PodScheduled", "True", at)),
            ["hostIP"] = HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp }),
            ["startTime"] = at,
            ["containerStatuses"] = statuses,
            ["qosClass"] = "BestEffort",
        };
    }

    /// <summary>Status of a pod whose containers all run and are ready.</summary>
    public JsonObject Running(JsonObject pod, DateTimeOffset now)
    {
        var n = _nextPodIp++;
        var podIp = string.Create(CultureInfo.InvariantCulture, $"10.244.{n / 250 % 250}.{n % 250 + 1}");
        var at = JsonNodes.Timestamp(now);
        var statuses = new JsonArray();
        foreach (var container in Containers(pod))
        {
            var image = container.Str("image") ?? "";
            statuses.Add(new JsonObject
            {
                ["name"] = container.Str("name"),
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = at } },
                ["lastState"] = new JsonObject(),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["image"] = image,
                ["imageID"] = image + "@sha256:" + TemplateHash.Compute(new JsonObject { ["image"] = image }).PadRight(64, '0'),
                ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N"),
                ["started"] = true,
            });
        }

        var startTime = pod.ChildOrNull("status").Str("startTime") ?? at;
        return new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "True", at), Condition("Initialized", "True", at),
                Condition("Ready", "True", at), Condition("ContainersReady", "True", at), Condition("PodScheduled", "True", startTime)),
            ["hostIP"] = HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = HostIp }),
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = startTime,
            ["containerStatuses"] = statuses,
            ["qosClass"] = "BestEffort",
        };
    }

    /// <summary>
    /// A running pod's status after its first container crashed <paramref name="restarts"/> times, the last time at
    /// <paramref name="crashedAt"/> after running since <paramref name="lastStartedAt"/>: the crash in
    /// <c>lastState.terminated</c> (exit code 1 and reason <c>Error</c>, or 137 and <c>OOMKilled</c>), and either
    /// waiting in <c>CrashLoopBackOff</c> and not ready, or — when <paramref name="runningSince"/> is given — running
    /// again and ready. Ready and ContainersReady follow the containers.
    /// </summary>
    public static JsonObject Restarted(
        JsonObject status, long restarts, DateTimeOffset lastStartedAt, DateTimeOffset crashedAt, DateTimeOffset? runningSince, bool oomKilled)
    {
        var copy = status.Copy();
        var statuses = (copy.ArrayOrNull("containerStatuses") ?? []).OfType<JsonObject>().ToList();
        if (statuses is not [var container, ..])
        {
            return copy;
        }

        container["restartCount"] = restarts;
        container["lastState"] = new JsonObject
        {
            ["terminated"] = new JsonObject
            {
                ["exitCode"] = oomKilled ? 137 : 1,
                ["reason"] = oomKilled ? "OOMKilled" : "Error",
                ["startedAt"] = JsonNodes.Timestamp(lastStartedAt),
                ["finishedAt"] = JsonNodes.Timestamp(crashedAt),
                ["containerID"] = container.Str("containerID"),
            },
        };
        container["ready"] = runningSince is not null;
        container["started"] = runningSince is not null;
        container["state"] = runningSince is { } since
            ? new JsonObject { ["running"] = new JsonObject { ["startedAt"] = JsonNodes.Timestamp(since) } }
            : new JsonObject
            {
                ["waiting"] = new JsonObject
                {
                    ["reason"] = CrashLoopBackOff,
                    ["message"] = $"back-off restarting failed container={container.Str("name")}",
                },
            };
        if (runningSince is not null)
        {
            container["containerID"] = "containerd://" + Guid.NewGuid().ToString("N");
        }

        var unready = statuses.Where(c => c.Bool("ready") != true).Select(c => c.Str("name")).ToList();
        var at = JsonNodes.Timestamp(runningSince ?? crashedAt);
        var conditions = copy.ArrayOrNull("conditions") ?? [];
        for (var i = 0; i < conditions.Count; i++)
        {
            if ((conditions[i] as JsonObject).Str("type") is "Ready" or "ContainersReady" && conditions[i] is JsonObject before)
            {
                conditions[i] = unready.Count == 0
                    ? Condition(before.Str("type")!, "True", at)
                    : Condition(before.Str("type")!, "False", at, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
            }
        }

        return copy;
    }

    public static bool IsReady(JsonObject pod) =>
        (pod.ChildOrNull("status").ArrayOrNull("conditions") ?? []).OfType<JsonObject>()
            .Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    /// <summary>Whether a container of the pod waits to be restarted after a crash.</summary>
    public static bool IsCrashed(JsonObject pod) =>
        (pod.ChildOrNull("status").ArrayOrNull("containerStatuses") ?? []).OfType<JsonObject>()
            .Any(c => c.ChildOrNull("state").ChildOrNull("waiting").Str("reason") == CrashLoopBackOff);

    public static bool IsScheduled(JsonObject pod) =>
        (pod.ChildOrNull("status").ArrayOrNull("conditions") ?? []).OfType<JsonObject>().Any(c => c.Str("type") == "PodScheduled");

    private static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        (pod.ChildOrNull("spec").ArrayOrNull("containers") ?? []).OfType<JsonObject>();

    private static JsonObject Condition(string type, string status, string at, string? reason = null, string? message = null)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = at };
        if (reason is not null)
        {
            condition["reason"] = reason;
            condition["message"] = message;
        }

        return condition;
    }
}
