using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Bot.Tests.Storage;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Jobs;

/// <summary>The release lock of two bot processes on one database (two data sources): exclusive, bounded, and never left behind.</summary>
public sealed class PostgresReleaseLocksTests : PostgresTest
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private PostgresDatabase A => field ??= Storage.OpenDatabase(TimeProvider.System);

    private PostgresDatabase B => field ??= Storage.OpenDatabase(TimeProvider.System);

    [Fact]
    public async Task AHeldLock_KeepsTheOtherProcessOut_UntilItsTimeout_AndOnlyForThatRelease()
    {
        var (a, b) = (new PostgresReleaseLocks(A), new PostgresReleaseLocks(B));
        var held = await a.AcquireAsync("r1", Long, default);

        var refused = await Assert.ThrowsAsync<TimeoutException>(() => b.AcquireAsync("r1", TimeSpan.FromMilliseconds(200), default));
        await using (await b.AcquireAsync("r2", Long, default))
        {
            Assert.Equal("Release r1 stayed busy with another job for 00:00:00.2000000.", refused.Message);
        }

        await held.DisposeAsync();
        await using var taken = await b.AcquireAsync("r1", Long, default);
    }

    [Fact]
    public async Task TwoProcesses_NeverHoldOneReleasesLockAtOnce()
    {
        var inside = 0;
        var most = 0;
        var rounds = 0;

        async Task WorkAsync(PostgresReleaseLocks locks)
        {
            for (var i = 0; i < 15; i++)
            {
                await using var held = await locks.AcquireAsync("r1", Long, default);
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Increment(ref rounds);
                Interlocked.Decrement(ref inside);
            }
        }

        await Task.WhenAll(WorkAsync(new PostgresReleaseLocks(A)), WorkAsync(new PostgresReleaseLocks(B)), WorkAsync(new PostgresReleaseLocks(A)));

        Assert.Equal((1, 45), (most, rounds));
    }

    [Fact]
    public async Task AProcessThatDies_LeavesNoLockBehind()
    {
        var held = await new PostgresReleaseLocks(A).AcquireAsync("r1", Long, default);

        await Storage.TerminateSessionsAsync();

        await using var taken = await new PostgresReleaseLocks(B).AcquireAsync("r1", Long, default);
        await held.DisposeAsync();
    }

    [Fact]
    public async Task Waiting_StopsWhenCancelled()
    {
        await using var held = await new PostgresReleaseLocks(A).AcquireAsync("r1", Long, default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PostgresReleaseLocks(B).AcquireAsync("r1", Long, cancel.Token));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
