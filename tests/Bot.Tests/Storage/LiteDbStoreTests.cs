using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

public sealed class LiteDbStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-litedb-").FullName;
    private readonly LiteDbDatabase _db;

    public LiteDbStoreTests()
    {
        _db = new LiteDbDatabase(Options.Create(new StorageOptions { DataDirectory = _folder }));
    }

    [Fact]
    public async Task Release_RoundTripsWithStepsAndConversation()
    {
        var store = new LiteDbReleaseStore(_db);
        var release = NewRelease("checkout");
        release.Accept(ReleaseTrigger.SetWeight, 20, "slack:U1", new ConversationRef("slack", "C1", "171.2"), Now);

        Assert.Null(await store.TryCreateAsync(release, default));
        var loaded = await store.GetAsync(release.Id, default);

        Assert.NotNull(loaded);
        Assert.Equal(release.ToImage, loaded.ToImage);
        Assert.Equal(20, loaded.RequestedWeight);
        Assert.Equal(new ConversationRef("console", "terminal"), loaded.Conversation);
        Assert.Equal(new ConversationRef("slack", "C1", "171.2"), loaded.Steps[1].Conversation);
        Assert.Equal([StepKind.Deploy, StepKind.SetWeight], loaded.Steps.Select(s => s.Kind));
        Assert.Equal(Now, loaded.CreatedAt);
    }

    [Fact]
    public async Task TryCreate_WhenAppHasActiveRelease_ReturnsItAndStoresNothing()
    {
        var store = new LiteDbReleaseStore(_db);
        var first = NewRelease("checkout");
        await store.TryCreateAsync(first, default);

        var existing = await store.TryCreateAsync(NewRelease("checkout"), default);
        var other = await store.TryCreateAsync(NewRelease("cart"), default);

        Assert.Equal(first.Id, existing?.Id);
        Assert.Null(other);
        Assert.Equal(2, (await store.ActiveAsync(default)).Count);
    }

    [Fact]
    public async Task TryCreate_AfterReleaseFinished_StartsANewOne()
    {
        var store = new LiteDbReleaseStore(_db);
        var first = NewRelease("checkout");
        await store.TryCreateAsync(first, default);
        await store.UpdateAsync(first.Id, r => r.Accept(ReleaseTrigger.Rollback, null, "me", r.Conversation, Now), default);
        await store.UpdateAsync(first.Id, r => { r.MarkApplied(r.Steps[^1].Id, 0, "rolled back", Now); return 0; }, default);

        var second = NewRelease("checkout");
        Assert.Null(await store.TryCreateAsync(second, default));

        Assert.Equal(second.Id, (await store.LatestAsync("checkout", default))?.Id);
        Assert.Equal([second.Id], (await store.ActiveAsync(default)).Select(r => r.Id));
    }

    [Fact]
    public async Task Update_IsAtomicUnderConcurrency()
    {
        var store = new LiteDbReleaseStore(_db);
        var release = NewRelease("checkout");
        await store.TryCreateAsync(release, default);

        await Parallel.ForEachAsync(Enumerable.Range(0, 50), async (_, ct) =>
            await store.UpdateAsync(release.Id, r => r.RequestedWeight++, ct));

        Assert.Equal(50, (await store.GetAsync(release.Id, default))!.RequestedWeight);
    }

    [Fact]
    public async Task Update_WhenChangeThrows_StoresNothing()
    {
        var store = new LiteDbReleaseStore(_db);
        var release = NewRelease("checkout");
        await store.TryCreateAsync(release, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync<int>(release.Id, r =>
        {
            r.RequestedWeight = 99;
            throw new InvalidOperationException("refused");
        }, default));

        Assert.Equal(0, (await store.GetAsync(release.Id, default))!.RequestedWeight);
    }

    [Fact]
    public async Task Audit_ListsAnAppsEntriesNewestFirst()
    {
        var audit = new LiteDbAuditLog(_db);
        for (var i = 0; i < 5; i++)
        {
            await audit.AppendAsync(new AuditEntry(Now.AddSeconds(i), "console:me", "console:terminal", "checkout", null, $"status checkout {i}", AuditOutcome.Answered, "ok"), default);
        }

        await audit.AppendAsync(new AuditEntry(Now, "console:me", "console:terminal", "cart", null, "status cart", AuditOutcome.Answered, "ok"), default);
        await audit.AppendAsync(new AuditEntry(Now, "console:me", "console:terminal", null, null, "promot", AuditOutcome.Refused, "unknown verb"), default);

        var recent = await audit.RecentAsync("checkout", 3, default);

        Assert.Equal(["status checkout 4", "status checkout 3", "status checkout 2"], recent.Select(e => e.Command));
        Assert.Equal(Now.AddSeconds(4), recent[0].At);
        Assert.Equal(AuditOutcome.Answered, recent[0].Outcome);
    }

    [Fact]
    public async Task Data_SurvivesReopening()
    {
        var release = NewRelease("checkout");
        await new LiteDbReleaseStore(_db).TryCreateAsync(release, default);
        _db.Dispose();

        using var reopened = new LiteDbDatabase(Options.Create(new StorageOptions { DataDirectory = _folder }));

        Assert.Equal(release.Id, (await new LiteDbReleaseStore(reopened).GetAsync(release.Id, default))?.Id);
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static Release NewRelease(string app) => Release.Start(
        new NewRelease(app, "sandbox", "shop", "v1", "v2", $"r/{app}:v1", $"r/{app}:v2", 4, "console:me", new ConversationRef("console", "terminal")),
        Now);
}
