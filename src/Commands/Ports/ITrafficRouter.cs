using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>What a router will do for a weight: the share the canary will really get, and why.</summary>
/// <param name="Detail">A human account, e.g. "requested 20%, effective 25% (1 of 4 pods)".</param>
/// <param name="Refusal">Set when this router cannot carry the weight for this app.</param>
public sealed record WeightPreview(int Requested, int Effective, string Detail, string? Refusal = null);

/// <summary>Sends a share of an app's traffic to its canary. One implementation per provider, chosen per app by name.</summary>
public interface ITrafficRouter
{
    string Name { get; }

    /// <summary>What the weight will mean for this release, without reading or changing the cluster.</summary>
    WeightPreview Preview(Release release, int weight);

    /// <summary>Sets the weight and waits until it serves; with <see cref="ChangeMode.DryRun"/> only returns the changes.</summary>
    Task<IReadOnlyList<ClusterChange>> SetWeightAsync(AppSpec app, Release release, int weight, ChangeMode mode, CancellationToken cancellationToken);
}
