using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>
/// Splits traffic by replica ratio, as the <c>replicas</c> router does (a weight becomes canary pods out of the
/// release's total, applied through the workloads port), and — unlike it — accepts user rules when told to.
/// Records every target it is asked for.
/// </summary>
internal sealed class FakeTrafficRouter(IWorkloads workloads, string name = "replicas") : ITrafficRouter
{
    private readonly List<(string ReleaseId, TrafficTarget Target, ChangeMode Mode)> _calls = [];

    public string Name => name;

    /// <summary>When false, a target with user rules is refused, as the replica router does.</summary>
    public bool SupportsRules { get; set; } = true;

    public IReadOnlyList<(string ReleaseId, TrafficTarget Target, ChangeMode Mode)> Targets => _calls;

    /// <summary>The weights asked for by weight changes (not the deploy's 0%, not full or rollback).</summary>
    public IReadOnlyList<(string ReleaseId, int Weight, ChangeMode Mode)> Calls =>
        _calls.Where(c => c.Target.Phase == TrafficPhase.Canary && c.Target.Weight > 0).Select(c => (c.ReleaseId, c.Target.Weight, c.Mode)).ToList();

    public WeightPreview Preview(Release release, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Phase != TrafficPhase.Canary)
        {
            return new WeightPreview(target.Weight, target.Weight, $"{target.Weight}%");
        }

        if (target.Rules.Count > 0 && !SupportsRules)
        {
            return new WeightPreview(target.Weight, release.EffectiveWeight, string.Empty, "This router cannot route by header or cookie.");
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
        _calls.Add((release.Id, target, mode));
        if (Preview(release, target).Refusal is { } refusal)
        {
            throw new ClusterException(refusal);
        }

        var workload = target.Phase switch
        {
            // Blue-green: both colours at full size for the preview; after the switch the old one keeps its configured pods.
            TrafficPhase.Preview => new WorkloadTarget(release.FromImage, release.StableReplicas, release.ToImage, release.StableReplicas),
            TrafficPhase.Switched => new WorkloadTarget(release.FromImage, release.OldReplicas, release.ToImage, release.StableReplicas),
            TrafficPhase.Promoted => new WorkloadTarget(release.ToImage, release.StableReplicas, null, 0),
            TrafficPhase.RolledBack => new WorkloadTarget(release.FromImage, release.StableReplicas, null, 0),
            _ => Split(release, target.Weight),
        };
        return workloads.ChangeAsync(app, workload, mode, cancellationToken);
    }

    private static WorkloadTarget Split(Release release, int weight)
    {
        var split = ReplicaSplit.For(weight, release.StableReplicas).Split!;
        return new WorkloadTarget(release.FromImage, split.Stable, release.ToImage, split.Canary);
    }
}
