using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>
/// Splits traffic by replica ratio, as the <c>replicas</c> router does: a weight becomes a number of canary
/// pods out of the release's total, applied through the workloads port. Records every weight it is asked for.
/// </summary>
internal sealed class FakeTrafficRouter(IWorkloads workloads, string name = "replicas") : ITrafficRouter
{
    private readonly List<(string ReleaseId, int Weight, ChangeMode Mode)> _calls = [];

    public string Name => name;

    public IReadOnlyList<(string ReleaseId, int Weight, ChangeMode Mode)> Calls => _calls;

    public WeightPreview Preview(Release release, int weight)
    {
        ArgumentNullException.ThrowIfNull(release);
        var (split, refusal) = ReplicaSplit.For(weight, release.StableReplicas);
        return split is null
            ? new WeightPreview(weight, release.EffectiveWeight, string.Empty, refusal)
            : new WeightPreview(weight, split.Effective, split.Describe());
    }

    public Task<IReadOnlyList<ClusterChange>> SetWeightAsync(AppSpec app, Release release, int weight, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        _calls.Add((release.Id, weight, mode));
        var (split, refusal) = ReplicaSplit.For(weight, release.StableReplicas);
        if (split is null)
        {
            throw new ClusterException(refusal!);
        }

        return workloads.ChangeAsync(app, new WorkloadTarget(release.FromImage, split.Stable, release.ToImage, split.Canary), mode, cancellationToken);
    }
}
