using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// The app's stable and canary Deployments through KubernetesClient: read them, plan a target field by
/// field, and apply it — first the changes that add capacity, waiting until they serve, then the ones that
/// take capacity away.
/// </summary>
internal sealed partial class KubernetesWorkloads(
    IKubernetes client,
    KubernetesRetry retry,
    DeploymentWriter writer,
    RolloutWaiter waiter,
    ILogger<KubernetesWorkloads> logger) : IWorkloads
{
    public async Task<WorkloadStatus> ReadAsync(AppSpec app, CancellationToken cancellationToken)
    {
        var stable = await client.TryReadDeploymentAsync(retry, app.Namespace, app.Deployment, cancellationToken).ConfigureAwait(false);
        var canary = await client.TryReadDeploymentAsync(retry, app.Namespace, app.CanaryDeployment, cancellationToken).ConfigureAwait(false);
        return new WorkloadStatus(Describe(app, stable), Describe(app, canary));
    }

    public async Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, WorkloadTarget target, ChangeMode mode, CancellationToken cancellationToken)
    {
        var stable = await client.TryReadDeploymentAsync(retry, app.Namespace, app.Deployment, cancellationToken).ConfigureAwait(false)
            ?? throw new ClusterException($"the stable Deployment {app.Namespace}/{app.Deployment} does not exist.");
        var canary = await client.TryReadDeploymentAsync(retry, app.Namespace, app.CanaryDeployment, cancellationToken).ConfigureAwait(false);
        var edits = WorkloadPlanner.Plan(app, stable, canary, target);
        if (mode == ChangeMode.Apply)
        {
            await ApplyPhaseAsync(app, edits.Where(e => !e.Shrinks).ToList(), cancellationToken).ConfigureAwait(false);

            // A step carried out again after a restart may find its capacity already asked for but not yet serving:
            // nothing changes in the first phase, so wait here for every Deployment the target keeps before taking any away.
            var kept = target.CanaryImage is not null && target.CanaryReplicas > 0 ? new[] { app.Deployment, app.CanaryDeployment } : [app.Deployment];
            await waiter.WaitAsync(app.Namespace, kept, [], cancellationToken).ConfigureAwait(false);
            await ApplyPhaseAsync(app, edits.Where(e => e.Shrinks).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return edits.Select(e => e.Change).ToList();
    }

    private async Task ApplyPhaseAsync(AppSpec app, List<PlannedEdit> edits, CancellationToken cancellationToken)
    {
        if (edits.Count == 0)
        {
            return;
        }

        foreach (var group in edits.GroupBy(e => e.Deployment))
        {
            LogApplying(logger, app.Namespace, group.Key, string.Join("; ", group.Select(e => e.Change)));
            await writer.ApplyAsync(app.Namespace, group.Key, group.ToList(), cancellationToken).ConfigureAwait(false);
        }

        var deleted = edits.Where(e => e.Kind == EditKind.Delete).Select(e => e.Deployment).Distinct().ToList();
        var serving = edits.Select(e => e.Deployment).Distinct().Except(deleted).ToList();
        await waiter.WaitAsync(app.Namespace, serving, deleted, cancellationToken).ConfigureAwait(false);
    }

    private static DeploymentStatus? Describe(AppSpec app, V1Deployment? deployment) =>
        deployment is null
            ? null
            : new DeploymentStatus(
                deployment.Metadata.Name,
                Containers.Find(app, deployment).Image,
                deployment.Spec.Replicas ?? 1,
                deployment.Status?.ReadyReplicas ?? 0,
                RolloutWaiter.IsComplete(deployment));

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying to Deployment {Namespace}/{Name}: {Changes}")]
    private static partial void LogApplying(ILogger logger, string @namespace, string name, string changes);
}
