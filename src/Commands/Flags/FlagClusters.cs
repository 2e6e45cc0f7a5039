using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>
/// An app's flag ConfigMaps in every cluster the app runs in (its waves, else the main cluster). Reads come from the
/// first; a change is written to each in turn, so every cluster of the app ends with the same flags.
/// </summary>
public sealed class FlagClusters(IClusters clusters)
{
    public IReadOnlyList<string> Of(AppSpec app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Waves.Count == 0 ? [clusters.Default] : app.Waves;
    }

    public Task<FlagSet> ReadAsync(AppSpec app, CancellationToken cancellationToken) => Maps(Of(app)[0]).ReadAsync(app, cancellationToken);

    /// <summary>Changes the flags in every cluster of the app; the sets before and after are those of the first cluster.</summary>
    /// <exception cref="ClusterException">A cluster refused or did not answer; the clusters before it keep the change.</exception>
    public async Task<(FlagSet Before, FlagSet After)> ChangeAsync(AppSpec app, Func<FlagSet, FlagSet> change, CancellationToken cancellationToken)
    {
        (FlagSet Before, FlagSet After)? first = null;
        foreach (var name in Of(app))
        {
            var result = await Maps(name).ChangeAsync(app, change, cancellationToken).ConfigureAwait(false);
            first ??= result;
        }

        return first!.Value;
    }

    /// <summary>"ConfigMap shop/demo-flags" (with the clusters when there are several).</summary>
    public string Where(AppSpec app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var names = Of(app);
        return $"ConfigMap {app.Namespace}/{app.FlagMap}" + (names.Count > 1 ? $" in {string.Join(", ", names)}" : string.Empty);
    }

    private IFlagMaps Maps(string cluster) =>
        clusters.Find(cluster)?.Flags ?? throw new ClusterException($"The cluster {cluster} is not configured.");
}
