using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

public sealed class LiteDbChatInboxTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-inbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly LiteDbChatInbox _inbox;

    public LiteDbChatInboxTests()
    {
        _inbox = new LiteDbChatInbox(Storage(), _time);
    }

    [Fact]
    public async Task SameDelivery_IsRecordedOnce()
    {
        Assert.True(await _inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));
        Assert.False(await _inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));

        Assert.Single(await _inbox.PendingAsync("slack", default));
    }

    [Fact]
    public async Task ABurstOfDeliveries_EachIsRecordedOnce_EvenWithDuplicatesInTheBurst()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"slack:command:T{i % 60}").ToList();

        var added = await Task.WhenAll(ids.Select(id => _inbox.TryAddAsync(Delivery(id), default)));

        Assert.Equal(60, added.Count(a => a));
        Assert.Equal(60, (await _inbox.PendingAsync("slack", default)).Count);
    }

    [Fact]
    public async Task Pending_KeepsTheRequestAndOrder_AndCompletedOnesLeave()
    {
        var click = new ChatRequest("promote checkout next", new Actor("slack", "U2", "bob"), new ConversationRef("slack", "C1", "171.2"))
        {
            Guard = new CardGuard("abcd1234", 3),
        };
        await _inbox.TryAddAsync(Delivery("slack:event:Ev1"), default);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _inbox.TryAddAsync(new InboundDelivery("slack:button:1", "slack", "button", click, _time.GetUtcNow()), default);
        await _inbox.TryAddAsync(new InboundDelivery("teams:a1", "teams", "message", click, _time.GetUtcNow()), default);

        await _inbox.CompleteAsync("slack:event:Ev1", default);
        var pending = await _inbox.PendingAsync("slack", default);

        var only = Assert.Single(pending);
        Assert.Equal(("slack:button:1", "button", _time.GetUtcNow()), (only.Id, only.Source, only.ReceivedAt));
        Assert.Equal(click, only.Request);
        Assert.Equal(click.Guard, only.Request.Guard);
    }

    [Fact]
    public async Task CompletedDelivery_StillCountsAsSeen_UntilItIsAWeekOld()
    {
        await _inbox.TryAddAsync(Delivery("slack:event:Ev1"), default);
        await _inbox.CompleteAsync("slack:event:Ev1", default);

        Assert.False(await _inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));
        _time.Advance(TimeSpan.FromDays(8));
        await _inbox.PendingAsync("slack", default);
        Assert.True(await _inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));
    }

    [Fact]
    public async Task Deliveries_SurviveReopening()
    {
        await _inbox.TryAddAsync(Delivery("slack:event:Ev9"), default);
        await _inbox.DisposeAsync();

        await using var reopened = new LiteDbChatInbox(Storage(), _time);

        Assert.Equal(["slack:event:Ev9"], (await reopened.PendingAsync("slack", default)).Select(d => d.Id));
        Assert.False(await reopened.TryAddAsync(Delivery("slack:event:Ev9"), default));
    }

    public async ValueTask DisposeAsync()
    {
        await _inbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private IOptions<StorageOptions> Storage() => Options.Create(new StorageOptions { DataDirectory = _folder });

    private InboundDelivery Delivery(string id) => new(
        id, "slack", "mention", new ChatRequest("status", new Actor("slack", "U1", "alice"), new ConversationRef("slack", "C1")), _time.GetUtcNow());
}
