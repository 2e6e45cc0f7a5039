using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>Durable releases. Every change is an atomic read-modify-write of one release.</summary>
public interface IReleaseStore
{
    Task<Release?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The app's active release when it has one, else its newest finished one.</summary>
    Task<Release?> LatestAsync(string app, CancellationToken cancellationToken);

    /// <summary>Every unfinished release.</summary>
    Task<IReadOnlyList<Release>> ActiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new release unless the app already has an active one; returns that one instead (and stores
    /// nothing) when it does. The check and the insert are one atomic step.
    /// </summary>
    Task<Release?> TryCreateAsync(Release release, CancellationToken cancellationToken);

    /// <summary>
    /// Loads a release, lets <paramref name="change"/> modify it and saves it, atomically with respect to every
    /// other update of the same release. <paramref name="change"/> may run more than once; it must only touch the release.
    /// </summary>
    Task<T> UpdateAsync<T>(string id, Func<Release, T> change, CancellationToken cancellationToken);
}
