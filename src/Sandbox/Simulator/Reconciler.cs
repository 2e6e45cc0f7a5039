using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Store;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>
/// One simulator pass over the store: pods move Pending → Running+Ready after the readiness delay, orphaned pods
/// are collected, and each Deployment gets pods for its current template (scale up, scale down newest first,
/// surge rollout that removes old-template pods once the new ones are ready) and a status that follows. Pods down
/// after a crash are left to <see cref="CrashLoop"/>.
/// Used from the simulator loop only, so its own state needs no locking.
/// </summary>
internal sealed class Reconciler(ObjectStore store, TimeProvider time, TimeSpan podReadyDelay, ILogger logger)
{
    private readonly PodFactory _pods = new();
    private readonly Dictionary<string, DateTimeOffset> _pendingSince = [];
    private readonly Dictionary<string, long> _creationOrder = [];
    private long _created;

    /// <summary>Runs a pass; returns how long until a pod is due to become ready, if any is waiting.</summary>
    public TimeSpan? RunOnce()
    {
        var now = time.GetUtcNow();
        var pods = store.List(ResourceTypes.Pod, null).Items;
        var deployments = store.List(ResourceTypes.Deployment, null).Items;
        var due = AdvancePods(pods, now);
        var live = deployments.Select(d => d.Uid()).ToHashSet();
        foreach (var orphan in pods.Where(p => OwnerUid(p) is { } owner && !live.Contains(owner)).ToList())
        {
            TryDelete(orphan);
            pods.Remove(orphan);
        }

        foreach (var deployment in deployments)
        {
            try
            {
                Reconcile(deployment, pods.Where(p => OwnerUid(p) == deployment.Uid()).ToList(), now);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Changed or deleted meanwhile; the resulting event triggers another pass.
            }
        }

        return due;
    }

    private TimeSpan? AdvancePods(List<JsonObject> pods, DateTimeOffset now)
    {
        TimeSpan? due = null;
        var present = pods.Select(p => p.Uid()).ToHashSet();
        foreach (var uid in _pendingSince.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _pendingSince.Remove(uid);
            _creationOrder.Remove(uid);
        }

        for (var i = 0; i < pods.Count; i++)
        {
            var pod = pods[i];
            if (PodFactory.IsReady(pod) || PodFactory.IsCrashed(pod))
            {
                // Ready, or down after a crash until the crash loop restarts it: not a pod that is starting.
                _pendingSince.Remove(pod.Uid());
                continue;
            }

            if (!_pendingSince.TryGetValue(pod.Uid(), out var since))
            {
                _pendingSince[pod.Uid()] = since = now;
            }

            var readyAt = since + podReadyDelay;
            JsonObject status;
            if (now >= readyAt)
            {
                status = _pods.Running(pod, now);
                _pendingSince.Remove(pod.Uid());
                Log.PodAction(logger, "ready", pod.Namespace(), pod.Name());
            }
            else if (!PodFactory.IsScheduled(pod))
            {
                status = PodFactory.Scheduled(pod, now);
                due = Min(due, readyAt - now);
            }
            else
            {
                due = Min(due, readyAt - now);
                continue;
            }

            pods[i] = WriteStatus(ResourceTypes.Pod, pod, status) ?? pod;
        }

        return due;
    }

    private void Reconcile(JsonObject deployment, List<JsonObject> owned, DateTimeOffset now)
    {
        var hash = TemplateHash.Compute(deployment.ChildOrNull("spec").ChildOrNull("template"));
        var desired = (int)(deployment.ChildOrNull("spec").Long("replicas") ?? 1);
        var current = owned.Where(p => p.Labels().GetValueOrDefault(TemplateHash.Label) == hash).ToList();
        var old = owned.Except(current).ToList();
        while (current.Count < desired)
        {
            current.Add(CreatePod(deployment, hash, now));
        }

        var surplus = current
            .OrderBy(PodFactory.IsReady)
            .ThenByDescending(p => _creationOrder.GetValueOrDefault(p.Uid()))
            .ThenByDescending(p => p.ChildOrNull("metadata").Str("creationTimestamp"), StringComparer.Ordinal)
            .Take(current.Count - desired)
            .ToList();
        foreach (var pod in surplus)
        {
            TryDelete(pod);
            current.Remove(pod);
        }

        if (old.Count > 0 && current.Count(PodFactory.IsReady) >= desired)
        {
            foreach (var pod in old)
            {
                TryDelete(pod);
            }

            old.Clear();
        }

        var status = DeploymentStatusBuilder.Build(deployment, current, old, hash, now);
        WriteStatus(ResourceTypes.Deployment, deployment, status);
    }

    private JsonObject CreatePod(JsonObject deployment, string hash, DateTimeOffset now)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var pod = store.Create(ResourceTypes.Pod, deployment.Namespace(), PodFactory.FromTemplate(deployment, hash));
                _creationOrder[pod.Uid()] = ++_created;
                _pendingSince[pod.Uid()] = now;
                Log.PodAction(logger, "created", pod.Namespace(), pod.Name());
                return pod;
            }
            catch (ApiException e) when (e.Reason == "AlreadyExists" && attempt < 5)
            {
                // Random suffix collided; try another.
            }
        }
    }

    /// <summary>Writes a status if the object is still the same one (same uid); returns the stored result.</summary>
    private JsonObject? WriteStatus(ResourceType type, JsonObject obj, JsonObject status) => StatusWrite.Apply(store, type, obj, _ => status);

    private void TryDelete(JsonObject pod)
    {
        try
        {
            store.Delete(ResourceTypes.Pod, pod.Namespace(), pod.Name(), expectedUid: pod.Uid());
            Log.PodAction(logger, "deleted", pod.Namespace(), pod.Name());
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone or replaced.
        }
    }

    private static string? OwnerUid(JsonObject pod) =>
        (pod.ChildOrNull("metadata").ArrayOrNull("ownerReferences") ?? []).OfType<JsonObject>()
            .FirstOrDefault(r => r.Str("kind") == "Deployment" && r.Bool("controller") == true)?.Str("uid");

    private static TimeSpan Min(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;
}
