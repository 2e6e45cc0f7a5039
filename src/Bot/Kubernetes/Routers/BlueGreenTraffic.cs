using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// The blue-green sequence every router shares. The old (live) colour is the stable Deployment, the new colour the
/// canary Deployment at full size; the live Service's <c>track</c> selector decides which colour users reach, and the
/// preview Service <c>&lt;service&gt;-canary</c> (with, where the router has one, its preview header route) reaches the
/// new colour alone. Every phase adds capacity and waits for it before it moves traffic, and moves traffic before it
/// takes capacity away, so the live Service never selects a colour that is not ready.
/// </summary>
internal sealed class BlueGreenTraffic(IWorkloads workloads, CanaryServices services, StableServicePin pin, AppCatalog? apps = null)
{
    private const string Old = "stable";
    private const string New = "canary";

    /// <summary>Whether the blue-green sequence carries this target (a blue-green release, or a blue-green phase).</summary>
    public static bool Handles(Release release, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        return release.Strategy == ReleaseStrategy.BlueGreen || target.Phase is TrafficPhase.Preview or TrafficPhase.Switched;
    }

    /// <summary>What the target means for a blue-green release; <paramref name="routes"/> when the router can send the preview header.</summary>
    public WeightPreview Preview(Release release, TrafficTarget target, bool routes)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        var app = apps?.Find(release.App);
        var pods = release.StableReplicas;
        switch (target.Phase)
        {
            case TrafficPhase.Preview:
                var through = app is null ? "the preview Service" : $"Service {app.Namespace}/{app.CanaryService}";
                var header = routes ? $" or requests with {PreviewRule(app).Describe()}" : string.Empty;
                return new WeightPreview(0, 0, $"preview: {release.ToVersion} on {Pods(pods)} beside {release.FromVersion} (live), through {through}{header}");
            case TrafficPhase.Switched:
                var kept = release.OldReplicas <= 0 ? "stopped" : $"kept on {Pods(OldPods(release))}";
                return new WeightPreview(100, 100, $"{release.ToVersion} live on {Pods(pods)}; {release.FromVersion} {kept}");
            case TrafficPhase.Promoted:
                return new WeightPreview(100, 100, $"100% ({release.ToVersion} on all {Pods(pods)}; {release.FromVersion} retired)");
            case TrafficPhase.RolledBack:
                return new WeightPreview(0, 0, $"0% ({release.FromVersion} on all {Pods(pods)}; {release.ToVersion} removed)");
            default:
                return new WeightPreview(target.Weight, release.EffectiveWeight, string.Empty,
                    $"{release.App} is released blue-green: the new version takes no share of traffic or user rules; testers reach its preview, "
                    + $"and `switch {release.App}` moves all traffic at once.");
        }
    }

    /// <summary>Brings the app's colours, the live and preview Services and <paramref name="route"/> (when the router has one) to the target.</summary>
    public async Task<IReadOnlyList<ClusterChange>> ChangeAsync(
        AppSpec app, Release release, TrafficTarget target, IPreviewRoute? route, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (Preview(release, target, route is not null).Refusal is { } refusal)
        {
            throw new ClusterException(refusal);
        }

        var changes = target.Phase switch
        {
            TrafficPhase.Preview => await PreviewAsync(app, release, route, mode, cancellationToken).ConfigureAwait(false),
            TrafficPhase.Switched => await SwitchAsync(app, release, route, mode, cancellationToken).ConfigureAwait(false),
            TrafficPhase.Promoted => await RetireOldAsync(app, release, route, mode, cancellationToken).ConfigureAwait(false),
            _ => await SwitchBackAsync(app, release, route, mode, cancellationToken).ConfigureAwait(false),
        };
        return ChangeSequence.Of(changes);
    }

    /// <summary>The live Service on the old colour before any new-colour pod exists; then the new colour at full size, its Service and route.</summary>
    private async Task<List<ClusterChange>> PreviewAsync(AppSpec app, Release release, IPreviewRoute? route, ChangeMode mode, CancellationToken ct)
    {
        var current = await workloads.ReadAsync(app, ct).ConfigureAwait(false);

        // The old colour's pods get track=stable (a rollout the live Service follows, as it selects them either way) before the pin.
        var changes = new List<ClusterChange>(await KeepNewAsync(app, current, new(release.FromImage, release.StableReplicas, null, 0), mode, ct).ConfigureAwait(false));
        changes.AddRange(await pin.SwitchAsync(app, Old, mode, ct).ConfigureAwait(false));
        changes.AddRange(await workloads.ChangeAsync(app, Full(release, release.StableReplicas), mode, ct).ConfigureAwait(false));
        changes.AddRange(await PreviewEntryAsync(app, route, mode, ct).ConfigureAwait(false));
        return changes;
    }

    /// <summary>
    /// The preview as <see cref="PreviewAsync"/> leaves it (the new colour at full size and serving) — or, when the live
    /// Service is on the new colour already, the new colour checked — then every live request to it, then the old colour
    /// down to its kept pods.
    /// </summary>
    private async Task<List<ClusterChange>> SwitchAsync(AppSpec app, Release release, IPreviewRoute? route, ChangeMode mode, CancellationToken ct)
    {
        List<ClusterChange> changes;
        if (await pin.TrackAsync(app, ct).ConfigureAwait(false) == New)
        {
            var current = await workloads.ReadAsync(app, ct).ConfigureAwait(false);
            changes = [.. await workloads.ChangeAsync(app, Full(release, current.Stable?.Replicas ?? release.StableReplicas), mode, ct).ConfigureAwait(false)];
            changes.AddRange(await PreviewEntryAsync(app, route, mode, ct).ConfigureAwait(false));
        }
        else
        {
            changes = await PreviewAsync(app, release, route, mode, ct).ConfigureAwait(false);
        }

        changes.AddRange(await pin.SwitchAsync(app, New, mode, ct).ConfigureAwait(false));
        changes.AddRange(await workloads.ChangeAsync(app, Full(release, OldPods(release)), mode, ct).ConfigureAwait(false));
        return changes;
    }

    /// <summary>
    /// The stable Deployment takes the new version at full size while the new colour serves; then both tracks run the new
    /// version and the pin goes; then the new colour's objects.
    /// </summary>
    private async Task<List<ClusterChange>> RetireOldAsync(AppSpec app, Release release, IPreviewRoute? route, ChangeMode mode, CancellationToken ct)
    {
        var current = await workloads.ReadAsync(app, ct).ConfigureAwait(false);
        var changes = new List<ClusterChange>(await KeepNewAsync(app, current, new(release.ToImage, release.StableReplicas, null, 0), mode, ct).ConfigureAwait(false));
        changes.AddRange(await pin.UnpinAsync(app, mode, ct).ConfigureAwait(false));
        changes.AddRange(await RemoveNewAsync(app, release.ToImage, release, route, mode, ct).ConfigureAwait(false));
        return changes;
    }

    /// <summary>
    /// The old colour at full size and serving, then every live request back to it (when the new colour has them); then the
    /// new colour's objects and the pin go.
    /// </summary>
    private async Task<List<ClusterChange>> SwitchBackAsync(AppSpec app, Release release, IPreviewRoute? route, ChangeMode mode, CancellationToken ct)
    {
        var current = await workloads.ReadAsync(app, ct).ConfigureAwait(false);
        var changes = new List<ClusterChange>(await KeepNewAsync(app, current, new(release.FromImage, release.StableReplicas, null, 0), mode, ct).ConfigureAwait(false));
        if (await pin.TrackAsync(app, ct).ConfigureAwait(false) == New)
        {
            changes.AddRange(await pin.SwitchAsync(app, Old, mode, ct).ConfigureAwait(false));
        }

        changes.AddRange(await RemoveNewAsync(app, release.FromImage, release, route, mode, ct).ConfigureAwait(false));
        changes.AddRange(await pin.UnpinAsync(app, mode, ct).ConfigureAwait(false));
        return changes;
    }

    /// <summary>Brings the stable Deployment to <paramref name="stable"/>, leaving the new colour exactly as it is now.</summary>
    private Task<IReadOnlyList<ClusterChange>> KeepNewAsync(AppSpec app, WorkloadStatus current, WorkloadTarget stable, ChangeMode mode, CancellationToken ct) =>
        workloads.ChangeAsync(app, stable with { CanaryImage = current.Canary?.Image, CanaryReplicas = current.Canary?.Replicas ?? 0 }, mode, ct);

    /// <summary>The preview route (sending nothing), the new colour's pods and the preview Service go, in that order.</summary>
    private async Task<List<ClusterChange>> RemoveNewAsync(AppSpec app, string stableImage, Release release, IPreviewRoute? route, ChangeMode mode, CancellationToken ct)
    {
        var changes = new List<ClusterChange>();
        if (route is not null)
        {
            changes.AddRange(await route.RemoveAsync(app, mode, ct).ConfigureAwait(false));
        }

        changes.AddRange(await workloads.ChangeAsync(app, new WorkloadTarget(stableImage, release.StableReplicas, null, 0), mode, ct).ConfigureAwait(false));
        changes.AddRange(await services.RemoveAsync(app, mode, ct).ConfigureAwait(false));
        return changes;
    }

    /// <summary>The preview Service, and the route that sends the app's preview header to it.</summary>
    private async Task<List<ClusterChange>> PreviewEntryAsync(AppSpec app, IPreviewRoute? route, ChangeMode mode, CancellationToken ct)
    {
        var changes = new List<ClusterChange>(await services.EnsureAsync(app, mode, ct).ConfigureAwait(false));
        if (route is not null)
        {
            changes.AddRange(await route.PreviewAsync(app, PreviewRule(app), mode, ct).ConfigureAwait(false));
        }

        return changes;
    }

    /// <summary>Both colours: the old one on <paramref name="oldPods"/> pods, the new one at full size.</summary>
    private static WorkloadTarget Full(Release release, int oldPods) => new(release.FromImage, oldPods, release.ToImage, release.StableReplicas);

    private static int OldPods(Release release) => Math.Clamp(release.OldReplicas, 0, release.StableReplicas);

    private static RouteRule PreviewRule(AppSpec? app) => (app?.BlueGreen ?? BlueGreenSettings.Default).PreviewRule;

    private static string Pods(int count) => count == 1 ? "1 pod" : $"{count} pods";
}
