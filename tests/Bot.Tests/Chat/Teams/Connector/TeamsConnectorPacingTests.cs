using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

public sealed class TeamsConnectorPacingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TwoSendsToOneConversation_AreAtLeastSendIntervalApart()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.SendInterval = Interval, time);
        var connector = harness.Connector;

        await connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("first"), CancellationToken.None).WaitAsync(RealWait);
        var second = connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("second"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(second.IsCompleted, "the second send went before the interval passed");
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, second, Step);

        await second;
        var calls = harness.Teams.CallsTo(FakeTeamsOperation.Send);
        Assert.Equal(["first", "second"], calls.Select(call => call.Text));
        Assert.True(calls[1].At - calls[0].At >= Interval, $"sent {calls[1].At - calls[0].At} apart");
    }

    [Fact]
    public async Task ConcurrentSendsAndRepliesToOneConversation_GoOneIntervalApart()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.SendInterval = Interval, time);
        var connector = harness.Connector;

        var all = Task.WhenAll(Enumerable.Range(1, 4).Select(i => i % 2 == 0
            ? connector.ReplyAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message($"reply {i}"), CancellationToken.None)
            : connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message($"send {i}"), CancellationToken.None)));
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, all, Step);

        Assert.Equal(4, (await all).Distinct().Count());
        var times = harness.Teams.ActivityCalls.Select(call => call.At).Order().ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Interval, $"sent {pair.Second - pair.First} apart"));
    }

    [Fact]
    public async Task SendsToDifferentConversations_AreNotHeldBack()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.SendInterval = TimeSpan.FromMinutes(1), new FakeTimeProvider());
        var connector = harness.Connector;

        await Task.WhenAll(
            connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("one"), CancellationToken.None),
            connector.SendAsync(harness.ServiceUrl, "19:two@thread.tacv2", TeamsConnectorHarness.Message("two"), CancellationToken.None),
            connector.ReplyAsync(harness.ServiceUrl, "19:three@thread.v2", "1", TeamsConnectorHarness.Message("three"), CancellationToken.None)).WaitAsync(RealWait);

        Assert.Equal(3, harness.Teams.ActivityCalls.Count);
    }

    [Fact]
    public async Task Updates_AreNotPaced()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.SendInterval = TimeSpan.FromMinutes(1), new FakeTimeProvider());
        var connector = harness.Connector;

        await connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("card"), CancellationToken.None).WaitAsync(RealWait);
        await connector.UpdateAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("card v2"), CancellationToken.None).WaitAsync(RealWait);
        await connector.UpdateAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("card v3"), CancellationToken.None).WaitAsync(RealWait);

        Assert.Equal(3, harness.Teams.ActivityCalls.Count);
    }

    [Fact]
    public async Task RetriesOfASend_KeepItsTurn_SoTheNextSendWaitsForThem()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.SendInterval = Interval, time);
        var connector = harness.Connector;
        harness.Teams.RateLimitNext(retryAfterSeconds: 5, operation: FakeTeamsOperation.Send);

        var first = connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("first"), CancellationToken.None);
        await harness.Teams.WaitForCallAsync(FakeTeamsOperation.Send);
        var second = connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("second"), CancellationToken.None);
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, Task.WhenAll(first, second), Step);

        Assert.Equal(["first", "first", "second"], harness.Teams.CallsTo(FakeTeamsOperation.Send).Select(call => call.Text));
    }
}
