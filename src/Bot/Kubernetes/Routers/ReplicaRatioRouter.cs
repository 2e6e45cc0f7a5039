using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// <c>replicas</c>: splits traffic by pod count. The app's one Service selects stable and canary pods alike,
/// so a weight becomes a number of canary pods out of the release's total, which stays constant. It cannot pick
/// requests by header or cookie: a Service balances connections, it does not read them. A blue-green release runs
/// through <see cref="BlueGreenTraffic"/>, without a preview header (testers use the preview Service).
/// </summary>
internal sealed class ReplicaRatioRouter(IWorkloads workloads, BlueGreenTraffic blueGreen) : ITrafficRouter
{
    public const string ProviderName = "replicas";

    public string Name => ProviderName;

    public bool SupportsRules => false;

    public WeightPreview Preview(Release release, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (BlueGreenTraffic.Handles(release, target))
        {
            return blueGreen.Preview(release, target, routes: false);
        }

        switch (target.Phase)
        {
            case TrafficPhase.Promoted:
                return new WeightPreview(100, 100, $"100% ({release.ToVersion} on all pods)");
            case TrafficPhase.RolledBack:
                return new WeightPreview(0, 0, $"0% ({release.FromVersion} on all pods)");
        }

        if (target.Rules.Count > 0)
        {
            return new WeightPreview(target.Weight, release.EffectiveWeight, string.Empty,
                $"The replica router splits traffic by pod count and cannot send chosen requests (by header or cookie) to the canary. "
                + $"Use the nginx or gateway router for {release.App} to validate with testers first.");
        }

        var (split, refusal) = ReplicaSplit.For(target.Weight, release.StableReplicas);
        return split is null
            ? new WeightPreview(target.Weight, release.EffectiveWeight, string.Empty, refusal)
            : new WeightPreview(target.Weight, split.Effective, split.Describe());
    }

    public Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, Release release, TrafficTarget target, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (BlueGreenTraffic.Handles(release, target))
        {
            return blueGreen.ChangeAsync(app, release, target, null, mode, cancellationToken);
        }

        if (Preview(release, target).Refusal is { } refusal)
        {
            throw new ClusterException(refusal);
        }

        var workloadTarget = target.Phase switch
        {
            TrafficPhase.Promoted => new WorkloadTarget(release.ToImage, release.StableReplicas, null, 0),
            TrafficPhase.RolledBack => new WorkloadTarget(release.FromImage, release.StableReplicas, null, 0),
            _ => Split(release, target.Weight),
        };
        return workloads.ChangeAsync(app, workloadTarget, mode, cancellationToken);
    }

    private static WorkloadTarget Split(Release release, int weight)
    {
        var split = ReplicaSplit.For(weight, release.StableReplicas).Split!;
        return new WorkloadTarget(release.FromImage, split.Stable, release.ToImage, split.Canary);
    }
}
