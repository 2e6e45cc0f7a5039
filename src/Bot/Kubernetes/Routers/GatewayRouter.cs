using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// <c>gateway</c>: Gateway API. The stable HTTPRoute's rules get weighted backendRefs to the stable and canary Services,
/// and user rules become an extra rule matching their headers (or cookie) that sends those users to the canary only.
/// The stable Deployment keeps full capacity until promotion, and its Service is pinned to <c>track: stable</c> while
/// the canary runs; promotion and rollback restore the route to the stable Service alone before the canary's pods, the
/// pin and the canary Service go. A blue-green release runs through <see cref="BlueGreenTraffic"/>, the users rule sending
/// only the preview header (no weight).
/// </summary>
internal sealed class GatewayRouter(IWorkloads workloads, CanaryServices services, StableServicePin pin, GatewayRoutes routes, BlueGreenTraffic blueGreen) : ITrafficRouter
{
    public const string ProviderName = "gateway";

    public string Name => ProviderName;

    public bool SupportsRules => true;

    public WeightPreview Preview(Release release, TrafficTarget target) =>
        BlueGreenTraffic.Handles(release, target) ? blueGreen.Preview(release, target, routes: true) : CanaryCapacity.Preview(release, target, null);

    public async Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, Release release, TrafficTarget target, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (BlueGreenTraffic.Handles(release, target))
        {
            return await blueGreen.ChangeAsync(app, release, target, routes, mode, cancellationToken).ConfigureAwait(false);
        }

        var changes = new List<ClusterChange>();
        var current = (await workloads.ReadAsync(app, cancellationToken).ConfigureAwait(false)).Canary?.Replicas;
        switch (target.Phase)
        {
            case TrafficPhase.Canary:
                changes.AddRange(await services.EnsureAsync(app, mode, cancellationToken).ConfigureAwait(false));
                var growing = CanaryCapacity.CanaryPods(release, target) >= (current ?? 0);
                if (growing)
                {
                    changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                }

                changes.AddRange(await pin.PinAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await routes.ShapeAsync(app, target, mode, cancellationToken).ConfigureAwait(false));
                if (!growing)
                {
                    changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                }

                break;
            case TrafficPhase.Promoted:
                changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target, current), mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await routes.ShapeAsync(app, target, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await pin.UnpinAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await services.RemoveAsync(app, mode, cancellationToken).ConfigureAwait(false));
                break;
            default:
                changes.AddRange(await routes.ShapeAsync(app, target, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await pin.UnpinAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await services.RemoveAsync(app, mode, cancellationToken).ConfigureAwait(false));
                break;
        }

        return changes.Distinct().ToList();
    }
}
