using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Store;
using ChatOpsRelease.Sandbox.Traffic;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Simulator;

/// <summary>
/// Crashes the pods of crashing versions (an image tag containing <c>crash</c>): the first container of such a pod
/// crashes every <see cref="SandboxTrafficOptions.CrashEvery"/> after it first started, stays down (the pod not
/// ready) for <see cref="SandboxTrafficOptions.CrashDowntime"/> and then runs again, its restartCount one higher. A
/// tag that also contains <c>oom</c> is killed for memory (OOMKilled, exit code 137), else it fails (Error, exit
/// code 1). The state is a function of the time, so a late pass catches up in one status write. Pods of other
/// versions never restart. Used from the traffic simulation's tick only, so it needs no locking.
/// </summary>
internal sealed class CrashLoop(ObjectStore store, SandboxTrafficOptions options, ILogger logger)
{
    private const string CrashingVersion = "crash";
    private const string OomKilledVersion = "oom";
    private readonly Dictionary<string, DateTimeOffset> _firstStarted = [];

    /// <summary>Brings every crashing pod's status to where it is at <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now)
    {
        if (options.CrashEvery <= TimeSpan.Zero)
        {
            return;
        }

        var pods = store.List(ResourceTypes.Pod, null).Items;
        var present = pods.Select(p => p.Uid()).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _firstStarted.Keys.Where(uid => !present.Contains(uid)).ToList())
        {
            _firstStarted.Remove(gone);
        }

        foreach (var pod in pods)
        {
            var version = ImageTag.Of(PodView.FirstImage(pod));
            if (version.Contains(CrashingVersion, StringComparison.OrdinalIgnoreCase))
            {
                Advance(pod, version.Contains(OomKilledVersion, StringComparison.OrdinalIgnoreCase), now);
            }
        }
    }

    private void Advance(JsonObject pod, bool oomKilled, DateTimeOffset now)
    {
        if (!_firstStarted.TryGetValue(pod.Uid(), out var since))
        {
            if (!PodFactory.IsReady(pod))
            {
                return;
            }

            since = JsonNodes.ParseTimestamp(FirstContainer(pod).ChildOrNull("state").ChildOrNull("running").Str("startedAt")) ?? now;
            _firstStarted[pod.Uid()] = since;
        }

        var restarts = (now - since).Ticks / options.CrashEvery.Ticks;
        if (restarts <= 0)
        {
            return;
        }

        var crashedAt = since + (options.CrashEvery * restarts);
        DateTimeOffset? runningSince = now < crashedAt + options.CrashDowntime ? null : crashedAt + options.CrashDowntime;
        if (FirstContainer(pod).Long("restartCount") == restarts && PodFactory.IsReady(pod) == runningSince is not null)
        {
            return;
        }

        var lastStartedAt = restarts == 1 ? since : crashedAt - options.CrashEvery + options.CrashDowntime;
        StatusWrite.Apply(store, ResourceTypes.Pod, pod, status =>
            PodFactory.Restarted(status ?? [], restarts, lastStartedAt, crashedAt, runningSince, oomKilled));
        Log.PodAction(logger, runningSince is null ? (oomKilled ? "OOM-killed" : "crashed") : "restarted", pod.Namespace(), pod.Name());
    }

    private static JsonObject? FirstContainer(JsonObject pod) =>
        pod.ChildOrNull("status").ArrayOrNull("containerStatuses")?.FirstOrDefault() as JsonObject;
}
