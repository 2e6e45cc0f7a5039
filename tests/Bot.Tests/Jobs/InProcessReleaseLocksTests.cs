using ChatOpsRelease.Bot.Jobs;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Jobs;

public sealed class InProcessReleaseLocksTests
{
    [Fact]
    public async Task SameRelease_RunsOneHolderAtATime()
    {
        var locks = new InProcessReleaseLocks();
        var inside = 0;
        var most = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 20), async (_, ct) =>
        {
            await using var held = await locks.AcquireAsync("r1", TimeSpan.FromSeconds(10), ct);
            most = Math.Max(most, Interlocked.Increment(ref inside));
            await Task.Delay(2, ct);
            Interlocked.Decrement(ref inside);
        });

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task OtherRelease_IsNotBlocked()
    {
        var locks = new InProcessReleaseLocks();
        await using var first = await locks.AcquireAsync("r1", TimeSpan.FromSeconds(1), default);

        var second = locks.AcquireAsync("r2", TimeSpan.FromMilliseconds(100), default);

        await using var held = await second;
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task BusyRelease_TimesOut_AndReleasingTwiceIsHarmless()
    {
        var locks = new InProcessReleaseLocks();
        var first = await locks.AcquireAsync("r1", TimeSpan.FromSeconds(1), default);

        await Assert.ThrowsAsync<TimeoutException>(() => locks.AcquireAsync("r1", TimeSpan.FromMilliseconds(50), default));
        await first.DisposeAsync();
        await first.DisposeAsync();

        await using var again = await locks.AcquireAsync("r1", TimeSpan.FromMilliseconds(50), default);
        await Assert.ThrowsAsync<TimeoutException>(() => locks.AcquireAsync("r1", TimeSpan.FromMilliseconds(50), default));
    }
}
