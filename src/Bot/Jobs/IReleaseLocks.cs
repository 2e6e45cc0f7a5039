namespace ChatOpsRelease.Bot.Jobs;

/// <summary>Mutual exclusion per release: while one job works on a release, no other job of it runs.</summary>
internal interface IReleaseLocks
{
    /// <summary>Holds the release's lock until the result is disposed; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    Task<IAsyncDisposable> AcquireAsync(string releaseId, TimeSpan timeout, CancellationToken cancellationToken);
}
