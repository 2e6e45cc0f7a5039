using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Simulator;
using ChatOpsRelease.Sandbox.Store;

namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// A pod as its resource and state series see it: where it is, its <c>app</c> label, its track (<c>canary</c> when
/// labelled <c>track: canary</c>, else <c>stable</c>), its version (the tag of its first container's image), whether
/// its containers run (phase Running) and whether it is ready, and its containers' names and versions.
/// </summary>
internal sealed record PodView(
    string Namespace, string Name, string Uid, string App, string Track, string Version, bool Running, bool Ready, IReadOnlyList<ContainerView> Containers)
{
    /// <summary>Every stored pod, ordered by namespace and name.</summary>
    public static List<PodView> List(ObjectStore store) =>
        [.. store.List(ResourceTypes.Pod, null).Items.Select(Of).OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];

    public static PodView Of(JsonObject pod)
    {
        var labels = pod.Labels();
        var containers = (pod.ChildOrNull("spec").ArrayOrNull("containers") ?? []).OfType<JsonObject>()
            .Select(c => new ContainerView(c.Str("name") ?? "", ImageTag.Of(c.Str("image"))))
            .ToList();
        var track = labels.GetValueOrDefault("track") == AppTraffic.CanaryTrack ? AppTraffic.CanaryTrack : AppTraffic.StableTrack;
        return new PodView(
            pod.Namespace(), pod.Name(), pod.Uid(), labels.GetValueOrDefault("app") ?? "", track, ImageTag.Of(FirstImage(pod)),
            pod.ChildOrNull("status").Str("phase") == "Running", PodFactory.IsReady(pod), containers);
    }

    /// <summary>The image of a pod's first container (the one that serves its requests), if any.</summary>
    public static string? FirstImage(JsonObject pod) =>
        (pod.ChildOrNull("spec").ArrayOrNull("containers")?.FirstOrDefault() as JsonObject).Str("image");
}

/// <summary>A container of a pod: its name and version (image tag).</summary>
internal sealed record ContainerView(string Name, string Version);
