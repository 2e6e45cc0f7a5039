using ChatOpsRelease.Bot.Chat.Outbox;
using ChatOpsRelease.Bot.Tests.Storage;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Outbox;

/// <summary>The outbox on PostgreSQL, shared by two processes: each reply is taken by one of them, in order per conversation.</summary>
public sealed class PostgresChatOutboxTests : PostgresTest
{
    private static readonly ConversationRef Thread1 = new("slack", "C1", "100.1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private PostgresChatOutbox Replica() => new(Storage.OpenDatabase(_time), _time);

    [Fact]
    public async Task TwoReplicas_TakingAtOnce_NeverTakeTheSameReply_AndAConversationGoesInOrder()
    {
        var (a, b) = (Replica(), Replica());
        for (var i = 0; i < 40; i++)
        {
            await a.AddAsync(OutboxItem.For(new ConversationRef("slack", "C1", $"thread-{i % 20}"), Reply.Info($"reply {i}"), _time.GetUtcNow()), default);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => (n % 2 == 0 ? a : b).DueAsync(now, 10, default)));

        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(all.Count, all.Select(i => i.Id).Distinct().Count());
        Assert.Equal(20, all.Count); // the head of each of the 20 threads, nothing behind a head
        Assert.All(all, i => Assert.True(int.Parse(i.Text[6..], System.Globalization.CultureInfo.InvariantCulture) < 20, i.Text));
    }

    [Fact]
    public async Task APostedReply_IsNotTakenAgain_TheNextOneIs_AndALapsedLeaseIsTakenOver()
    {
        var (a, b) = (Replica(), Replica());
        await a.AddAsync(OutboxItem.For(Thread1, Reply.Info("one"), _time.GetUtcNow()), default);
        await a.AddAsync(OutboxItem.For(Thread1, Reply.Info("two"), _time.GetUtcNow()), default);
        var now = _time.GetUtcNow().UtcDateTime;

        var first = Assert.Single(await a.DueAsync(now, 10, default));
        Assert.Equal("one", first.Text);
        Assert.Empty(await b.DueAsync(now, 10, default)); // taken by a; "two" waits behind it

        _time.Advance(TimeSpan.FromMinutes(3)); // a died holding it: its lease lapses
        var retaken = Assert.Single(await b.DueAsync(_time.GetUtcNow().UtcDateTime, 10, default));
        Assert.Equal(first.Id, retaken.Id);
        await b.RecordAsync(retaken.Id, true, null, null, default);

        var second = Assert.Single(await a.DueAsync(_time.GetUtcNow().UtcDateTime, 10, default));
        Assert.Equal("two", second.Text);
        await a.RecordAsync(second.Id, false, _time.GetUtcNow().UtcDateTime.AddSeconds(5), "503", default);
        Assert.Empty(await b.DueAsync(_time.GetUtcNow().UtcDateTime, 10, default));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, Assert.Single(await b.DueAsync(_time.GetUtcNow().UtcDateTime, 10, default)).Attempts);
    }

    [Fact]
    public async Task AChart_RoundTrips()
    {
        var outbox = Replica();
        await outbox.AddAsync(OutboxItem.For(Thread1, Reply.Failure("rolled back") with { Image = new ReplyImage("c.png", [9, 8], "alt", "title") }, _time.GetUtcNow()), default);

        var item = Assert.Single(await outbox.DueAsync(_time.GetUtcNow().UtcDateTime, 10, default));

        var reply = item.Reply();
        Assert.Equal((ReplyKind.Failure, "rolled back", "c.png", "alt", "title"), (reply.Kind, reply.Text, reply.Image!.FileName, reply.Image.AltText, reply.Image.Title));
        Assert.Equal([9, 8], reply.Image.Png);
        Assert.Equal(Thread1, item.Conversation());
    }
}
