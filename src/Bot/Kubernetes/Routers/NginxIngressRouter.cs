using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// <c>nginx</c>: NGINX Ingress canary. A canary Ingress beside the stable one sends an exact share of requests — and
/// the requests the user rules pick — to the canary Service. The stable Deployment keeps full capacity until promotion.
/// While the canary runs, the stable Service is pinned to <c>track: stable</c> so the rest reaches stable pods alone.
/// Promotion and rollback take the canary Ingress away first, then its pods, the pin and the canary Service. A blue-green
/// release runs through <see cref="BlueGreenTraffic"/>, the canary Ingress sending only the preview header (weight 0).
/// </summary>
internal sealed class NginxIngressRouter(IWorkloads workloads, CanaryServices services, StableServicePin pin, NginxCanaryIngress ingress, BlueGreenTraffic blueGreen) : ITrafficRouter
{
    public const string ProviderName = "nginx";

    public string Name => ProviderName;

    public bool SupportsRules => true;

    public WeightPreview Preview(Release release, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (BlueGreenTraffic.Handles(release, target))
        {
            return blueGreen.Preview(release, target, routes: true);
        }

        var refusal = target.Rules.Count(r => r.Kind == RouteRuleKind.Header) > 1 || target.Rules.Count(r => r.Kind == RouteRuleKind.Cookie) > 1
            ? "NGINX Ingress can send the canary one header rule and one cookie rule at a time; clear the other first (`route <app> clear`)."
            : null;
        return CanaryCapacity.Preview(release, target, refusal);
    }

    public async Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, Release release, TrafficTarget target, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(target);
        if (BlueGreenTraffic.Handles(release, target))
        {
            return await blueGreen.ChangeAsync(app, release, target, ingress, mode, cancellationToken).ConfigureAwait(false);
        }

        if (Preview(release, target).Refusal is { } refusal)
        {
            throw new ClusterException(refusal);
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
                changes.AddRange(await ingress.SetAsync(app, target.Weight, target.Rules, mode, cancellationToken).ConfigureAwait(false));
                if (!growing)
                {
                    changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                }

                break;
            case TrafficPhase.Promoted:
                changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target, current), mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await ingress.RemoveAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await pin.UnpinAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await services.RemoveAsync(app, mode, cancellationToken).ConfigureAwait(false));
                break;
            default:
                changes.AddRange(await ingress.RemoveAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await workloads.ChangeAsync(app, CanaryCapacity.Workloads(release, target), mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await pin.UnpinAsync(app, mode, cancellationToken).ConfigureAwait(false));
                changes.AddRange(await services.RemoveAsync(app, mode, cancellationToken).ConfigureAwait(false));
                break;
        }

        return changes.Distinct().ToList();
    }
}
