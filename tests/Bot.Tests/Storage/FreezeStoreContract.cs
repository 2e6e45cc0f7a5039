using ChatOpsRelease.Commands.Ports;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>What every freeze store does, whatever keeps it (one subclass per provider).</summary>
public abstract class FreezeStoreContract : StorageContract
{
    [Fact]
    public async Task Add_ThenAll_ReturnsEveryFreezeWithItsFields_OldestFirst()
    {
        await Session.Freezes.AddAsync(NewFreeze("f2", "checkout", Now.AddMinutes(5), Now.AddHours(8)), default);
        await Session.Freezes.AddAsync(NewFreeze("f1", Freeze.All, Now, until: null), default);

        var all = await Session.Freezes.AllAsync(default);

        Assert.Equal(["f1", "f2"], all.Select(f => f.Id));
        var checkout = all[1];
        Assert.Equal(("checkout", Now.AddHours(8), "incident 4711", "slack:U1", Now.AddMinutes(5)),
            (checkout.Scope, checkout.Until, checkout.Reason, checkout.By, checkout.At));
        Assert.Null(all[0].Until);
    }

    [Fact]
    public async Task Add_TheSameIdAgain_ReplacesTheFreeze()
    {
        await Session.Freezes.AddAsync(NewFreeze("f1", "checkout", Now, Now.AddHours(1)), default);

        await Session.Freezes.AddAsync(NewFreeze("f1", "checkout", Now, Now.AddHours(2)), default);

        Assert.Equal(Now.AddHours(2), Assert.Single(await Session.Freezes.AllAsync(default)).Until);
    }

    [Fact]
    public async Task Remove_TakesAwayEveryFreezeOfTheScope_AndOnlyThose()
    {
        await Session.Freezes.AddAsync(NewFreeze("f1", "checkout", Now, null), default);
        await Session.Freezes.AddAsync(NewFreeze("f2", "checkout", Now.AddMinutes(1), Now.AddHours(1)), default);
        await Session.Freezes.AddAsync(NewFreeze("f3", "payments", Now, null), default);
        await Session.Freezes.AddAsync(NewFreeze("f4", Freeze.All, Now, null), default);

        Assert.Equal(2, await Session.Freezes.RemoveAsync("checkout", default));
        Assert.Equal(0, await Session.Freezes.RemoveAsync("search", default));

        Assert.Equal(["f3", "f4"], (await Session.Freezes.AllAsync(default)).Select(f => f.Id).Order());
        Assert.Equal(1, await Session.Freezes.RemoveAsync(Freeze.All, default));
        Assert.Equal(["f3"], (await Session.Freezes.AllAsync(default)).Select(f => f.Id));
    }

    [Fact]
    public async Task Freezes_SurviveReopening()
    {
        await Session.Freezes.AddAsync(NewFreeze("f1", "checkout", Now, Now.AddHours(3)), default);
        await ReopenAsync();

        var freeze = Assert.Single(await Session.Freezes.AllAsync(default));
        Assert.Equal(("f1", "checkout", Now.AddHours(3)), (freeze.Id, freeze.Scope, freeze.Until));
    }

    private static Freeze NewFreeze(string id, string scope, DateTimeOffset at, DateTimeOffset? until) => new()
    {
        Id = id, Scope = scope, At = at, Until = until, Reason = "incident 4711", By = "slack:U1",
    };
}
