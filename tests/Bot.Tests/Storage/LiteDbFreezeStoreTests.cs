using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

public sealed class LiteDbFreezeStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-freezes-").FullName;
    private readonly LiteDbDatabase _db;

    public LiteDbFreezeStoreTests()
    {
        _db = Open();
    }

    [Fact]
    public async Task Add_ThenAll_ReturnsEveryFreezeWithItsFields_OldestFirst()
    {
        var store = new LiteDbFreezeStore(_db);
        await store.AddAsync(NewFreeze("f2", "checkout", Now.AddMinutes(5), Now.AddHours(8)), default);
        await store.AddAsync(NewFreeze("f1", Freeze.All, Now, until: null), default);

        var all = await store.AllAsync(default);

        Assert.Equal(["f1", "f2"], all.Select(f => f.Id));
        var checkout = all[1];
        Assert.Equal(("checkout", Now.AddHours(8), "incident 4711", "slack:U1", Now.AddMinutes(5)),
            (checkout.Scope, checkout.Until, checkout.Reason, checkout.By, checkout.At));
        Assert.Null(all[0].Until);
    }

    [Fact]
    public async Task Add_TheSameIdAgain_ReplacesTheFreeze()
    {
        var store = new LiteDbFreezeStore(_db);
        await store.AddAsync(NewFreeze("f1", "checkout", Now, Now.AddHours(1)), default);

        await store.AddAsync(NewFreeze("f1", "checkout", Now, Now.AddHours(2)), default);

        Assert.Equal(Now.AddHours(2), Assert.Single(await store.AllAsync(default)).Until);
    }

    [Fact]
    public async Task Remove_TakesAwayEveryFreezeOfTheScope_AndOnlyThose()
    {
        var store = new LiteDbFreezeStore(_db);
        await store.AddAsync(NewFreeze("f1", "checkout", Now, null), default);
        await store.AddAsync(NewFreeze("f2", "checkout", Now.AddMinutes(1), Now.AddHours(1)), default);
        await store.AddAsync(NewFreeze("f3", "payments", Now, null), default);
        await store.AddAsync(NewFreeze("f4", Freeze.All, Now, null), default);

        Assert.Equal(2, await store.RemoveAsync("checkout", default));
        Assert.Equal(0, await store.RemoveAsync("search", default));

        Assert.Equal(["f3", "f4"], (await store.AllAsync(default)).Select(f => f.Id).Order());
        Assert.Equal(1, await store.RemoveAsync(Freeze.All, default));
        Assert.Equal(["f3"], (await store.AllAsync(default)).Select(f => f.Id));
    }

    [Fact]
    public async Task Freezes_SurviveReopeningTheDatabase()
    {
        await new LiteDbFreezeStore(_db).AddAsync(NewFreeze("f1", "checkout", Now, Now.AddHours(3)), default);
        _db.Dispose();

        using var reopened = Open();

        var freeze = Assert.Single(await new LiteDbFreezeStore(reopened).AllAsync(default));
        Assert.Equal(("f1", "checkout", Now.AddHours(3)), (freeze.Id, freeze.Scope, freeze.Until));
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private LiteDbDatabase Open() => new(Options.Create(new StorageOptions { DataDirectory = _folder }));

    private static Freeze NewFreeze(string id, string scope, DateTimeOffset at, DateTimeOffset? until) => new()
    {
        Id = id, Scope = scope, At = at, Until = until, Reason = "incident 4711", By = "slack:U1",
    };
}
