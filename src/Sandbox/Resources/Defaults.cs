using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>Fills the defaults a real API server adds to Deployments, Services, Pods and pod templates.</summary>
internal static class Defaults
{
    public static void ApplyDeployment(JsonObject deployment)
    {
        var spec = deployment.Child("spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        var strategy = spec.Child("strategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = strategy.Child("rollingUpdate");
            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }

        var template = spec.Child("template");
        template.Child("metadata");
        ApplyPodSpec(template.Child("spec"));
    }

    public static void ApplyPod(JsonObject pod)
    {
        var spec = pod.Child("spec");
        ApplyPodSpec(spec);
        spec["serviceAccountName"] ??= "default";
        spec["enableServiceLinks"] ??= true;
        spec["priority"] ??= 0;
        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
    }

    public static void ApplyPodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var container in (spec.ArrayOrNull("containers") ?? []).OfType<JsonObject>())
        {
            ApplyContainer(container);
        }
    }

    public static void ApplyService(JsonObject service, Func<string> allocateClusterIp)
    {
        var spec = service.Child("spec");
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        spec["internalTrafficPolicy"] ??= "Cluster";
        if (spec.Str("clusterIP") is null or "")
        {
            spec["clusterIP"] = allocateClusterIp();
        }

        if (spec["clusterIPs"] is not JsonArray)
        {
            spec["clusterIPs"] = new JsonArray(spec.Str("clusterIP"));
        }

        foreach (var port in (spec.ArrayOrNull("ports") ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }

        service.Child("status").Child("loadBalancer");
    }

    private static void ApplyContainer(JsonObject container)
    {
        container["imagePullPolicy"] ??= PullPolicyFor(container.Str("image") ?? "");
        container["terminationMessagePath"] ??= "/dev/termination-log";
        container["terminationMessagePolicy"] ??= "File";
        container["resources"] ??= new JsonObject();
        foreach (var port in (container.ArrayOrNull("ports") ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
        }
    }

    private static string PullPolicyFor(string image)
    {
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var hasDigest = image.Contains('@', StringComparison.Ordinal);
        var hasTag = lastSegment.Contains(':', StringComparison.Ordinal);
        return hasDigest || (hasTag && !lastSegment.EndsWith(":latest", StringComparison.Ordinal))
            ? "IfNotPresent"
            : "Always";
    }
}
