using ChatOpsRelease.Commands.Ports;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>What every chat inbox does, whatever keeps it (one subclass per provider).</summary>
public abstract class ChatInboxContract : StorageContract
{
    [Fact]
    public async Task SameDelivery_IsRecordedOnce()
    {
        Assert.True(await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));
        Assert.False(await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));

        Assert.Single(await Session.Inbox.PendingAsync("slack", default));
    }

    [Fact]
    public async Task ABurstOfDeliveries_EachIsRecordedOnce_EvenWithDuplicatesInTheBurst()
    {
        var ids = Enumerable.Range(0, 100).Select(i => $"slack:command:T{i % 60}").ToList();

        var added = await Task.WhenAll(ids.Select(id => Session.Inbox.TryAddAsync(Delivery(id), default)));

        Assert.Equal(60, added.Count(a => a));
        Assert.Equal(60, (await Session.Inbox.PendingAsync("slack", default)).Count);
    }

    [Fact]
    public async Task Pending_KeepsTheRequestAndOrder_AndCompletedOnesLeave()
    {
        var click = new ChatRequest("promote checkout next", new Actor("slack", "U2", "bob"), new ConversationRef("slack", "C1", "171.2"))
        {
            Guard = new CardGuard("abcd1234", 3),
            Origin = RequestOrigin.Approval,
        };
        await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Session.Inbox.TryAddAsync(new InboundDelivery("slack:button:1", "slack", "button", click, Time.GetUtcNow()) { ResponseUrl = "https://hooks.example/1" }, default);
        await Session.Inbox.TryAddAsync(new InboundDelivery("teams:a1", "teams", "message", click, Time.GetUtcNow()), default);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev2"), default);

        await Session.Inbox.CompleteAsync("slack:event:Ev1", default);
        var pending = await Session.Inbox.PendingAsync("slack", default);

        Assert.Equal(["slack:button:1", "slack:event:Ev2"], pending.Select(d => d.Id));
        var button = pending[0];
        Assert.Equal(("button", Now.AddSeconds(1), "https://hooks.example/1"), (button.Source, button.ReceivedAt, button.ResponseUrl));
        Assert.Equal(click, button.Request);
        Assert.Equal(click.Guard, button.Request.Guard);
    }

    [Fact]
    public async Task CompletedDelivery_StillCountsAsSeen_UntilItIsAWeekOld()
    {
        await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default);
        await Session.Inbox.CompleteAsync("slack:event:Ev1", default);

        Assert.False(await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));
        Time.Advance(TimeSpan.FromDays(8));
        await Session.Inbox.PendingAsync("slack", default);
        Assert.True(await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default));
    }

    [Fact]
    public async Task Deliveries_SurviveReopening()
    {
        await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev9"), default);
        await ReopenAsync();

        Assert.Equal(["slack:event:Ev9"], (await Session.Inbox.PendingAsync("slack", default)).Select(d => d.Id));
        Assert.False(await Session.Inbox.TryAddAsync(Delivery("slack:event:Ev9"), default));
    }

    private protected InboundDelivery Delivery(string id) => new(
        id, "slack", "mention", new ChatRequest("status", new Actor("slack", "U1", "alice"), new ConversationRef("slack", "C1")), Time.GetUtcNow());
}
