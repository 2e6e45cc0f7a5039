using System.Collections.Concurrent;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// Release locks for the embedded mode, where one bot process owns the data folder and runs every job:
/// an async semaphore per release. (Hangfire's SQLite lock is tied to threads, which async jobs hop between.)
/// </summary>
internal sealed class InProcessReleaseLocks : IReleaseLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string releaseId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(releaseId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"Release {releaseId} stayed busy with another job for {timeout}.");
        }

        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
