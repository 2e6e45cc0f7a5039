using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// For routers that split requests exactly (an ingress or gateway does the split, not the pod count): the stable
/// Deployment keeps its full capacity until promotion, and the canary gets enough pods for its share — at least one
/// whenever it receives any request (a weight above 0, or user rules).
/// </summary>
internal static class CanaryCapacity
{
    public static int CanaryPods(Release release, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Phase != TrafficPhase.Canary || (target.Weight == 0 && target.Rules.Count == 0))
        {
            return 0;
        }

        return Math.Max(1, (int)Math.Ceiling(release.StableReplicas * target.Weight / 100.0));
    }

    /// <summary>The exact split's account, or the reason the rules cannot be expressed.</summary>
    public static WeightPreview Preview(Release release, TrafficTarget target, string? rulesRefusal)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        switch (target.Phase)
        {
            case TrafficPhase.Promoted:
                return new WeightPreview(100, 100, $"100% ({release.ToVersion} on all {release.StableReplicas} stable pods)");
            case TrafficPhase.RolledBack:
                return new WeightPreview(0, 0, $"0% ({release.FromVersion} on all {release.StableReplicas} stable pods)");
        }

        if (rulesRefusal is not null)
        {
            return new WeightPreview(target.Weight, release.EffectiveWeight, string.Empty, rulesRefusal);
        }

        var pods = CanaryPods(release, target);
        var users = target.Rules.Count == 0 ? string.Empty : $", plus requests with {string.Join(" or ", target.Rules.Select(r => r.Describe()))}";
        return new WeightPreview(target.Weight, target.Weight,
            $"{target.Weight}% exactly{users} ({pods} canary pod{(pods == 1 ? string.Empty : "s")} beside {release.StableReplicas} stable)");
    }

    /// <summary>
    /// The Deployments for a target: stable at full capacity (on the new version once promoted), the canary sized for
    /// its share — or, with <paramref name="canaryPods"/>, left at that size while traffic is still moving away from it.
    /// </summary>
    public static WorkloadTarget Workloads(Release release, TrafficTarget target, int? canaryPods = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        var image = target.Phase == TrafficPhase.Promoted ? release.ToImage : release.FromImage;
        var pods = canaryPods ?? CanaryPods(release, target);
        return target.Phase == TrafficPhase.Canary || canaryPods is not null
            ? new WorkloadTarget(image, release.StableReplicas, release.ToImage, pods)
            : new WorkloadTarget(image, release.StableReplicas, null, 0);
    }
}
