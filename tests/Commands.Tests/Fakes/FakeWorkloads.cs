using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>
/// A cluster of Deployments in memory. Reads report what it holds; a change works out the planned
/// <see cref="ClusterChange"/>s against that and, when applied, makes them. Every change asked for is recorded.
/// </summary>
internal sealed class FakeWorkloads : IWorkloads
{
    private readonly Dictionary<string, WorkloadStatus> _apps = new(StringComparer.Ordinal);
    private readonly List<(string App, WorkloadTarget Target, ChangeMode Mode)> _calls = [];

    public IReadOnlyList<(string App, WorkloadTarget Target, ChangeMode Mode)> Calls => _calls;

    /// <summary>The targets applied (not dry runs) to an app, in order.</summary>
    public IReadOnlyList<WorkloadTarget> Applied(string app) =>
        _calls.Where(c => c.App == app && c.Mode == ChangeMode.Apply).Select(c => c.Target).ToList();

    /// <summary>When set, reading throws it.</summary>
    public Exception? ReadFailure { get; set; }

    /// <summary>When set, applying a target for which this returns an exception throws it and changes nothing.</summary>
    public Func<WorkloadTarget, Exception?>? ApplyFailure { get; set; }

    /// <summary>
    /// When set, applying a target for which this returns an exception makes the change, then throws it — as when the
    /// change reached the cluster but its answer, or the wait for its rollout, failed.
    /// </summary>
    public Func<WorkloadTarget, Exception?>? FailureAfterApplying { get; set; }

    public void SetStable(string app, string image, int replicas, int? ready = null, bool rolloutComplete = true) =>
        _apps[app] = Status(app) with { Stable = new DeploymentStatus(app, image, replicas, ready ?? replicas, rolloutComplete) };

    public void SetCanary(string app, string image, int replicas) =>
        _apps[app] = Status(app) with { Canary = new DeploymentStatus($"{app}-canary", image, replicas, replicas, true) };

    /// <summary>Deletes both of an app's Deployments.</summary>
    public void Remove(string app) => _apps.Remove(app);

    public WorkloadStatus Status(string app) => _apps.GetValueOrDefault(app) ?? new WorkloadStatus(null, null);

    public Task<WorkloadStatus> ReadAsync(AppSpec app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (ReadFailure is not null)
        {
            throw ReadFailure;
        }

        return Task.FromResult(Status(app.Name));
    }

    public Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, WorkloadTarget target, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(target);
        _calls.Add((app.Name, target, mode));
        if (mode == ChangeMode.Apply && ApplyFailure?.Invoke(target) is { } failure)
        {
            throw failure;
        }

        var current = Status(app.Name);
        var changes = Plan(app, current, target);
        if (mode == ChangeMode.Apply)
        {
            _apps[app.Name] = new WorkloadStatus(
                new DeploymentStatus(app.Deployment, target.StableImage, target.StableReplicas, target.StableReplicas, true),
                target.CanaryImage is null
                    ? null
                    : new DeploymentStatus(app.CanaryDeployment, target.CanaryImage, target.CanaryReplicas, target.CanaryReplicas, true));
            if (FailureAfterApplying?.Invoke(target) is { } late)
            {
                throw late;
            }
        }

        return Task.FromResult(changes);
    }

    private static IReadOnlyList<ClusterChange> Plan(AppSpec app, WorkloadStatus current, WorkloadTarget target)
    {
        var changes = new List<ClusterChange>();
        var stable = $"Deployment {app.Namespace}/{app.Deployment}";
        Compare(changes, stable, current.Stable, target.StableImage, target.StableReplicas);

        var canary = $"Deployment {app.Namespace}/{app.CanaryDeployment}";
        if (target.CanaryImage is null)
        {
            if (current.Canary is not null)
            {
                changes.Add(new ClusterChange(canary, "(object)", current.Canary.Image, null));
            }
        }
        else
        {
            Compare(changes, canary, current.Canary, target.CanaryImage, target.CanaryReplicas);
        }

        return changes;
    }

    private static void Compare(List<ClusterChange> changes, string name, DeploymentStatus? current, string image, int replicas)
    {
        if (current is null)
        {
            changes.Add(new ClusterChange(name, "(object)", null, $"{image}, {replicas} replicas"));
            return;
        }

        if (current.Image != image)
        {
            changes.Add(new ClusterChange(name, "spec.template.spec.containers[0].image", current.Image, image));
        }

        if (current.Replicas != replicas)
        {
            changes.Add(new ClusterChange(name, "spec.replicas", current.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
