using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>What the cluster should run for an app: the stable workload and, when there is one, the canary.</summary>
/// <param name="CanaryImage">Null when there should be no canary at all.</param>
public sealed record WorkloadTarget(string StableImage, int StableReplicas, string? CanaryImage, int CanaryReplicas);

/// <summary>What the cluster reports about one Deployment.</summary>
public sealed record DeploymentStatus(string Name, string Image, int Replicas, int ReadyReplicas, bool RolloutComplete);

/// <summary>What the cluster runs for an app; <see cref="Stable"/> is null when its Deployment is missing.</summary>
public sealed record WorkloadStatus(DeploymentStatus? Stable, DeploymentStatus? Canary);

/// <summary>The app's Deployments: read them, or bring them to a target (or work out how, for a dry run).</summary>
public interface IWorkloads
{
    Task<WorkloadStatus> ReadAsync(AppSpec app, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the cluster to <paramref name="target"/>, growing before shrinking, and waits until the rollout is
    /// available; with <see cref="ChangeMode.DryRun"/> only returns the changes. Idempotent: applying the same
    /// target twice changes nothing the second time.
    /// </summary>
    Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, WorkloadTarget target, ChangeMode mode, CancellationToken cancellationToken);
}
