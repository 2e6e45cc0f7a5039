using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>Where a release's traffic should be.</summary>
public enum TrafficPhase
{
    /// <summary>The canary takes <see cref="TrafficTarget.Weight"/> percent, plus the requests the rules select.</summary>
    Canary,

    /// <summary>The new version is the stable one at full capacity; every canary object is gone.</summary>
    Promoted,

    /// <summary>The old version serves everyone at full capacity; every canary object is gone.</summary>
    RolledBack,

    /// <summary>
    /// Blue-green, before the switch: the new colour (the canary Deployment) runs at full size beside the live one and
    /// serves no live traffic; the preview Service <c>&lt;service&gt;-canary</c> (and, where the router has rules, the app's
    /// preview header) reaches it.
    /// </summary>
    Preview,

    /// <summary>
    /// Blue-green, after the switch: every request goes to the new colour; the old colour stays up (on
    /// <see cref="Releases.BlueGreenSettings.OldReplicas"/> pods) so that a rollback is only a switch back.
    /// </summary>
    Switched,
}

/// <summary>A traffic target: the phase, the canary's weight and the user rules (for <see cref="TrafficPhase.Canary"/>).</summary>
public sealed record TrafficTarget(TrafficPhase Phase, int Weight, IReadOnlyList<RouteRule> Rules)
{
    public static readonly TrafficTarget Promoted = new(TrafficPhase.Promoted, 100, []);

    public static readonly TrafficTarget RolledBack = new(TrafficPhase.RolledBack, 0, []);

    public static readonly TrafficTarget Preview = new(TrafficPhase.Preview, 0, []);

    public static readonly TrafficTarget Switched = new(TrafficPhase.Switched, 100, []);

    public static TrafficTarget Canary(int weight, IReadOnlyList<RouteRule>? rules = null) => new(TrafficPhase.Canary, weight, rules ?? []);
}

/// <summary>What a router will do for a target: the share the canary will really get, and why — or why it cannot.</summary>
/// <param name="Detail">A human account, e.g. "requested 20%, effective 25% (1 of 4 pods)".</param>
/// <param name="Refusal">Set when this router cannot carry the target for this app (a weight its pods cannot split, a rule it cannot express).</param>
public sealed record WeightPreview(int Requested, int Effective, string Detail, string? Refusal = null);

/// <summary>
/// Splits an app's traffic between stable and canary. One implementation per provider (replica ratio, NGINX Ingress,
/// Gateway API), chosen per app by name. It owns every cluster change of a release: the workloads and its own objects.
/// </summary>
public interface ITrafficRouter
{
    string Name { get; }

    /// <summary>Whether the router can send chosen requests (by header or cookie) to the canary, whatever the weight.</summary>
    bool SupportsRules { get; }

    /// <summary>What the target will mean for this release, without reading or changing the cluster.</summary>
    WeightPreview Preview(Release release, TrafficTarget target);

    /// <summary>
    /// Brings the app's Deployments and this router's objects to the target — adding capacity before sending traffic,
    /// taking traffic away before removing capacity — and waits until it serves; with <see cref="ChangeMode.DryRun"/>
    /// only returns the changes. Idempotent. For a blue-green release (<see cref="Release.Strategy"/>),
    /// <see cref="TrafficPhase.Promoted"/> retires the old colour (the stable Deployment takes the new version while
    /// the new colour serves, then the new colour's objects go) and <see cref="TrafficPhase.RolledBack"/> switches back
    /// (the old colour at full size serves again before the new colour's objects go); live traffic never reaches a
    /// colour that is not ready.
    /// </summary>
    Task<IReadOnlyList<ClusterChange>> ChangeAsync(AppSpec app, Release release, TrafficTarget target, ChangeMode mode, CancellationToken cancellationToken);
}
