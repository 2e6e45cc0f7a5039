using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// The app's feature flags in one cluster: a ConfigMap named <see cref="AppSpec.FlagMap"/> in the app's namespace, its
/// data written by <see cref="FlagDocuments.Render"/> and read by <see cref="FlagDocuments.Parse"/>.
/// </summary>
public interface IFlagMaps
{
    /// <summary>The app's flags; empty when the ConfigMap does not exist yet.</summary>
    Task<FlagSet> ReadAsync(AppSpec app, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the flags, lets <paramref name="change"/> compute the new set and writes it, creating the ConfigMap when it
    /// is missing. The write names the resourceVersion it read; on a conflict (409) it reads again and calls
    /// <paramref name="change"/> again. Returns the set before and the set written (the same when nothing changed, in
    /// which case nothing is written).
    /// </summary>
    Task<(FlagSet Before, FlagSet After)> ChangeAsync(AppSpec app, Func<FlagSet, FlagSet> change, CancellationToken cancellationToken);
}
