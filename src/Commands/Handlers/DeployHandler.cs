using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>deploy &lt;app&gt; &lt;version&gt; [--auto]</c>: starts a release with the canary at 0% in the first (or only)
/// cluster, following the app's plan. An app released in waves must run the same healthy stable version in every
/// cluster of its waves before anything starts.
/// </summary>
public sealed class DeployHandler(
    AppCatalog apps,
    IReleaseStore store,
    IClusters clusters,
    PlanCatalog plans,
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

        var names = app.Waves.Count == 0 ? [clusters.Default] : app.Waves;
        var strategy = command.Flags.Strategy ?? app.Strategy;
        if (strategy == ReleaseStrategy.BlueGreen && command.Flags.Auto)
        {
            return Outcome.Refused($"{app.Name} is released blue-green, which has no plan to move through by itself, so `--auto` does not apply: "
                + $"test the preview, then say `switch {app.Name}` (or `--strategy canary --auto` for a canary that moves by itself).", app.Name);
        }

        if (strategy == ReleaseStrategy.BlueGreen && names.Count > 1)
        {
            return Outcome.Refused($"{app.Name} is released in waves ({string.Join(" → ", names)}); a blue-green release runs in one cluster. "
                + $"Release it as a canary (`deploy {app.Name} {command.Version} --strategy canary`).", app.Name);
        }

        var (waves, stable, refusal) = await ReadWavesAsync(app, names, command.Version, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return Outcome.Refused(refusal, app.Name);
        }

        var plan = strategy == ReleaseStrategy.BlueGreen ? BlueGreenPlan(app) : plans.For(app);
        var first = clusters.Tools(names[0]);
        if (PlanRules.RouterProblem(plan, app.Name, app.Router, first.Routers.For(app).SupportsRules) is { } planProblem)
        {
            return Outcome.Refused(planProblem, app.Name);
        }

        var toImage = ImageRef.WithTag(stable!.Image, command.Version);
        var release = Release.Start(
            new NewRelease(app.Name, first.Name, app.Namespace, ImageRef.Version(stable.Image), command.Version,
                stable.Image, toImage, stable.Replicas, request.Actor.ToString(), request.Conversation)
            {
                Plan = plan,
                LaterWavesPlan = app.Waves.Count > 1 ? plans.ForLaterWave(app) : null,
                Auto = command.Flags.Auto,
                Waves = app.Waves.Count > 1 ? waves : [],
                Strategy = strategy,
            },
            time.GetUtcNow());
        release.Starter = request.Actor;
        if (strategy == ReleaseStrategy.BlueGreen)
        {
            (release.KeepOld, release.OldReplicas) = (app.BlueGreen.KeepOld, app.BlueGreen.OldPods(stable.Replicas));
        }

        if (command.Flags.DryRun)
        {
            var changes = await first.Routers.For(app).ChangeAsync(app, release, release.Steps[0].Target, ChangeMode.DryRun, cancellationToken).ConfigureAwait(false);
            return Outcome.Answered(Texts.DryRun($"deploy {app.Name} {command.Version}", first.Name, changes), app.Name);
        }

        if (await store.TryCreateAsync(release, cancellationToken).ConfigureAwait(false) is { } other)
        {
            return Busy(other);
        }

        if (strategy == ReleaseStrategy.BlueGreen)
        {
            var header = first.Routers.For(app).SupportsRules ? $" or with {app.BlueGreen.PreviewRule.Describe()}" : string.Empty;
            return Outcome.Queued(
                $"Accepted: blue-green release {release.Id} of {app.Name}, {release.FromVersion} → {release.ToVersion} on cluster {first.Name}. "
                + $"A job will bring up {release.ToVersion} as the preview colour — Deployment {app.Namespace}/{app.CanaryDeployment} with {toImage} "
                + $"on {Texts.Plural(stable.Replicas, "pod")}, beside the live {release.FromVersion} — reached through Service {app.Namespace}/{app.CanaryService}{header}. "
                + $"Everyone stays on {release.FromVersion} until `switch {app.Name}`. I'll post here when the preview is ready.",
                app.Name,
                release.Id);
        }

        var wavesText = release.Waves.Count > 1 ? $" in waves: {string.Join(" → ", release.Waves.Select(w => w.Cluster))}" : string.Empty;
        return Outcome.Queued(
            $"Accepted: release {release.Id} of {app.Name}, {release.FromVersion} → {release.ToVersion} on cluster {first.Name}{wavesText}, "
            + $"following plan {plan.Name}{(release.Auto ? " automatically" : string.Empty)}. "
            + $"A job will create Deployment {app.Namespace}/{app.CanaryDeployment} with {toImage} at 0% — no traffic yet "
            + $"({stable.Replicas} stable pods keep serving everyone). I'll post here when it is ready.",
            app.Name,
            release.Id);
    }

    /// <summary>Reads the stable workload in every cluster of the release: each must be healthy and on the same version.</summary>
    private async Task<(List<ReleaseWave> Waves, DeploymentStatus? Stable, string? Refusal)> ReadWavesAsync(
        AppSpec app, IReadOnlyList<string> names, string version, CancellationToken cancellationToken)
    {
        var waves = new List<ReleaseWave>();
        DeploymentStatus? first = null;
        foreach (var name in names)
        {
            if (clusters.Find(name) is not { } cluster)
            {
                return (waves, null, $"{app.Name} is released in waves through {string.Join(", ", names)}, but the cluster `{name}` is not configured.");
            }

            var status = await cluster.Workloads.ReadAsync(app, cancellationToken).ConfigureAwait(false);
            if (CheckCluster(app, status, version) is { } refusal)
            {
                return (waves, null, names.Count > 1 ? $"In cluster {cluster.Name}: {refusal}" : refusal);
            }

            if (first is not null && status.Stable!.Image != first.Image)
            {
                return (waves, null, $"{app.Name} runs {status.Stable.Image} in {cluster.Name} but {first.Image} in {names[0]}; every wave must start "
                    + "from the same stable version, so nothing was started.");
            }

            first ??= status.Stable;
            waves.Add(new ReleaseWave { Cluster = cluster.Name, StableReplicas = status.Stable!.Replicas });
        }

        return (waves, first, null);
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
            $"{active.App} already has an unfinished {(active.Strategy == ReleaseStrategy.BlueGreen ? "blue-green " : string.Empty)}release: {Texts.Summary(active)}. "
            + (active.Strategy == ReleaseStrategy.BlueGreen
                ? $"Finish it with `switch {active.App}` or `rollback {active.App}` first."
                : $"Finish it with `promote {active.App} full` or `rollback {active.App}` first."),
            active.App,
            active.Id);

    /// <summary>A blue-green release's one step: the switch, gated by an approval when the app asks for one.</summary>
    private static ReleasePlan BlueGreenPlan(AppSpec app) => new()
    {
        Name = "blue-green",
        Origin = "the blue-green strategy",
        Steps = [new PlanStep { Name = "switch", Weight = 100, Approval = app.BlueGreen.SwitchApproval }],
    };
}
