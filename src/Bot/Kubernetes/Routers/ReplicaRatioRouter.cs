using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// <c>replicas</c>: splits traffic by pod count. The app's one Service selects stable and canary pods alike,
/// so a weight becomes a number of canary pods out of the release's total, which stays constant.
/// </summary>
internal sealed class ReplicaRatioRouter(IWorkloads workloads) : ITrafficRouter
{
    public const string ProviderName = "replicas";

    public string Name => ProviderName;

    public WeightPreview Preview(Release release, int weight)
    {
        var (split, refusal) = ReplicaSplit.For(weight, release.StableReplicas);
        return split is null
            ? new WeightPreview(weight, release.EffectiveWeight, string.Empty, refusal)
            : new WeightPreview(weight, split.Effective, split.Describe());
    }

    public Task<IReadOnlyList<ClusterChange>> SetWeightAsync(AppSpec app, Release release, int weight, ChangeMode mode, CancellationToken cancellationToken)
    {
        var (split, refusal) = ReplicaSplit.For(weight, release.StableReplicas);
        if (split is null)
        {
            throw new ClusterException(refusal!);
        }

        var target = new WorkloadTarget(release.FromImage, split.Stable, release.ToImage, split.Canary);
        return workloads.ChangeAsync(app, target, mode, cancellationToken);
    }
}
