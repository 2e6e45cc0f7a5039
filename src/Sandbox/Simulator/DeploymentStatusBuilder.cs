using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>
/// Computes a Deployment's status from its pods like the deployment controller: counts, observedGeneration,
/// and the Available / Progressing conditions (NewReplicaSetAvailable once the rollout is complete).
/// </summary>
internal static class DeploymentStatusBuilder
{
    public static JsonObject Build(JsonObject deployment, IReadOnlyList<JsonObject> current, IReadOnlyList<JsonObject> old, string templateHash, DateTimeOffset now)
    {
        var spec = deployment.ChildOrNull("spec");
        var desired = (int)(spec.Long("replicas") ?? 1);
        var replicas = current.Count + old.Count;
        var updated = current.Count;
        var ready = current.Count(PodFactory.IsReady) + old.Count(PodFactory.IsReady);
        var available = ready;
        var unavailable = Math.Max(0, Math.Max(desired, replicas) - available);
        var minAvailable = desired - MaxUnavailable(spec, desired);
        var complete = updated == desired && replicas == desired && available == desired;
        var replicaSet = $"{deployment.Name()}-{templateHash}";
        var previous = (deployment.ChildOrNull("status").ArrayOrNull("conditions") ?? []).OfType<JsonObject>().ToList();
        var conditions = new JsonArray(
            Condition(previous, "Available", available >= minAvailable ? "True" : "False",
                available >= minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available >= minAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now),
            Condition(previous, "Progressing", "True",
                complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? $"ReplicaSet \"{replicaSet}\" has successfully progressed." : $"ReplicaSet \"{replicaSet}\" is progressing.",
                now));
        return new JsonObject
        {
            ["observedGeneration"] = deployment.ChildOrNull("metadata").Long("generation") ?? 1,
            ["replicas"] = replicas,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = unavailable,
            ["conditions"] = conditions,
        };
    }

    /// <summary>rollingUpdate.maxUnavailable resolved against the desired count (percentages round down), 25% by default.</summary>
    private static int MaxUnavailable(JsonObject? spec, int desired)
    {
        var strategy = spec.ChildOrNull("strategy");
        if (strategy.Str("type") == "Recreate")
        {
            return 0;
        }

        var value = strategy.ChildOrNull("rollingUpdate")?["maxUnavailable"];
        if (JsonNodes.AsLong(value) is { } absolute)
        {
            return (int)Math.Clamp(absolute, 0, desired);
        }

        var text = JsonNodes.AsString(value) ?? "25%";
        return text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
            ? Math.Clamp(desired * percent / 100, 0, desired)
            : 0;
    }

    /// <summary>A condition that keeps its timestamps while nothing about it changes.</summary>
    private static JsonObject Condition(List<JsonObject> previous, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var at = JsonNodes.Timestamp(now);
        var before = previous.FirstOrDefault(c => c.Str("type") == type);
        var sameStatus = before?.Str("status") == status;
        var unchanged = sameStatus && before?.Str("reason") == reason && before?.Str("message") == message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = unchanged ? before!.Str("lastUpdateTime") ?? at : at,
            ["lastTransitionTime"] = sameStatus ? before!.Str("lastTransitionTime") ?? at : at,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
