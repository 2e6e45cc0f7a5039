using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage.Postgres;

/// <summary>Two bot processes on one database, each with its own connections (its own data source): what one does, the other respects.</summary>
public sealed class PostgresReplicaTests : PostgresTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task TwoReplicas_UpdatingOneReleaseAtOnce_LoseNoUpdate()
    {
        var (a, b) = (await OpenAsync(), await OpenAsync());
        var release = NewRelease("checkout");
        await a.Releases.TryCreateAsync(release, default);

        await Task.WhenAll(
            Parallel.ForEachAsync(Enumerable.Range(0, 40), async (_, ct) => await a.Releases.UpdateAsync(release.Id, r => r.RequestedWeight++, ct)),
            Parallel.ForEachAsync(Enumerable.Range(0, 40), async (_, ct) => await b.Releases.UpdateAsync(release.Id, r => r.Revision++, ct)),
            Parallel.ForEachAsync(Enumerable.Range(0, 20), async (_, ct) => await b.Releases.UpdateAsync(release.Id, r => r.RequestedWeight++, ct)));

        var stored = (await a.Releases.GetAsync(release.Id, default))!;
        Assert.Equal((60, 41), (stored.RequestedWeight, stored.Revision));
    }

    [Fact]
    public async Task TwoReplicas_StartingAReleaseOfOneAppAtOnce_StartOne()
    {
        var (a, b) = (await OpenAsync(), await OpenAsync());

        for (var i = 0; i < 20; i++)
        {
            var (first, second) = (NewRelease($"app{i}"), NewRelease($"app{i}"));
            var results = await Task.WhenAll(a.Releases.TryCreateAsync(first, default), b.Releases.TryCreateAsync(second, default));

            var created = Assert.Single(new[] { first, second }, r => results[r == first ? 0 : 1] is null);
            var refused = Assert.Single(results, r => r is not null);
            Assert.Equal(created.Id, refused!.Id);
        }

        Assert.Equal(20, (await b.Releases.ActiveAsync(default)).Count);
    }

    [Fact]
    public async Task ADeliveryReachingTwoReplicas_IsRecordedByOne()
    {
        var (a, b) = (await OpenAsync(), await OpenAsync());
        var ids = Enumerable.Range(0, 30).Select(i => $"slack:event:Ev{i}").ToList();

        var added = await Task.WhenAll(ids.SelectMany(id => new[] { a.Inbox.TryAddAsync(Delivery(id), default), b.Inbox.TryAddAsync(Delivery(id), default) }));

        Assert.Equal(30, added.Count(x => x));
    }

    [Fact]
    public async Task ADeliveryOfARunningReplica_IsNotTakenByAnotherStarting()
    {
        var a = await OpenAsync();
        await a.Inbox.TryAddAsync(Delivery("slack:event:Ev1"), default);

        var b = await OpenAsync();

        Assert.Empty(await b.Inbox.PendingAsync("slack", default));
        Assert.Equal(["slack:event:Ev1"], (await a.Inbox.PendingAsync("slack", default)).Select(d => d.Id));
    }

    [Fact]
    public async Task TheDeliveriesOfAStoppedReplica_AreTakenOver_EachByOneReplica()
    {
        var gone = await OpenAsync();
        var ids = Enumerable.Range(0, 40).Select(i => $"slack:event:Ev{i}").ToList();
        foreach (var id in ids)
        {
            await gone.Inbox.TryAddAsync(Delivery(id), default);
        }

        await gone.DisposeAsync();
        var starting = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };

        var claimed = await Task.WhenAll(starting.Select(s => s.Inbox.PendingAsync("slack", default)));

        Assert.Equal(ids.Order(), claimed.SelectMany(c => c).Select(d => d.Id).Order());
        Assert.Equal(claimed.Select(c => c.Count).Sum(), claimed.SelectMany(c => c).Select(d => d.Id).Distinct().Count());
        var late = await OpenAsync();
        Assert.Empty(await late.Inbox.PendingAsync("slack", default));
    }

    private Task<StorageSession> OpenAsync() => Storage.OpenAsync(_time);

    private InboundDelivery Delivery(string id) => new(
        id, "slack", "mention", new ChatRequest("status", new Actor("slack", "U1", "alice"), new ConversationRef("slack", "C1")), _time.GetUtcNow());

    private static Release NewRelease(string app) => Release.Start(
        new NewRelease(app, "sandbox", "shop", "v1", "v2", $"r/{app}:v1", $"r/{app}:v2", 4, "console:me", new ConversationRef("console", "terminal")), Now);
}
