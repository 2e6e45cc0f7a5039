using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary><c>deploy &lt;app&gt; &lt;version&gt;</c>: starts a release with the canary at 0%.</summary>
public sealed class DeployHandler(
    AppCatalog apps,
    IReleaseStore store,
    IWorkloads workloads,
    RouterSet routers,
    ReleaseSettings settings,
    TimeProvider time)
{
    public async Task<Outcome> HandleAsync(DeployCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        if (apps.Find(command.App) is not { } app)
        {
            return Outcome.Refused(apps.Unknown(command.App));
        }

        var active = (await store.ActiveAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.App == app.Name);
        if (active is not null)
        {
            return Busy(active);
        }

        var cluster = await workloads.ReadAsync(app, cancellationToken).ConfigureAwait(false);
        if (CheckCluster(app, cluster, command.Version) is { } refusal)
        {
            return Outcome.Refused(refusal, app.Name);
        }

        var stable = cluster.Stable!;
        var toImage = ImageRef.WithTag(stable.Image, command.Version);
        var release = Release.Start(
            new NewRelease(app.Name, settings.ClusterName, app.Namespace, ImageRef.Version(stable.Image), command.Version,
                stable.Image, toImage, stable.Replicas, request.Actor.ToString(), request.Conversation),
            time.GetUtcNow());
        if (command.Flags.DryRun)
        {
            var changes = await routers.For(app).ChangeAsync(app, release, TrafficTarget.Canary(0), ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun($"deploy {app.Name} {command.Version}", settings.ClusterName, changes), app.Name);
        }

        if (await store.TryCreateAsync(release, cancellationToken).ConfigureAwait(false) is { } other)
        {
            return Busy(other);
        }

        return Outcome.Queued(
            $"Accepted: release {release.Id} of {app.Name}, {release.FromVersion} → {release.ToVersion} on cluster {settings.ClusterName}. "
            + $"A job will create Deployment {app.Namespace}/{app.CanaryDeployment} with {toImage} at 0% — no traffic yet "
            + $"({stable.Replicas} stable pods keep serving everyone). I'll post here when it is ready.",
            app.Name,
            release.Id);
    }

    private static string? CheckCluster(AppSpec app, WorkloadStatus cluster, string version)
    {
        var where = $"{app.Namespace}/{app.Deployment}";
        if (cluster.Stable is not { } stable)
        {
            return $"The stable Deployment {where} does not exist in the cluster, so there is nothing to release against. "
                + $"Check `Apps:{app.Name}` in the configuration.";
        }

        if (cluster.Canary is not null)
        {
            return $"Deployment {app.Namespace}/{app.CanaryDeployment} already exists but no release of {app.Name} owns it. "
                + "Remove it (or find out who made it) before starting a release; nothing was changed.";
        }

        if (stable.Replicas < 1)
        {
            return $"The stable Deployment {where} is scaled to 0 replicas; a canary needs a running stable version to compare with.";
        }

        if (!stable.RolloutComplete)
        {
            return $"The stable Deployment {where} is not healthy yet ({stable.ReadyReplicas}/{stable.Replicas} ready, or a rollout is "
                + "still in progress). Start the release once it is.";
        }

        return ImageRef.Version(stable.Image) == version
            ? $"{app.Name} already runs {version} ({stable.Image}); there is nothing to release."
            : null;
    }

    private static Outcome Busy(Release active) =>
        Outcome.Refused(
            $"{active.App} already has an unfinished release: {Texts.Summary(active)}. "
            + $"Finish it with `promote {active.App} full` or `rollback {active.App}` first.",
            active.App,
            active.Id);
}
