using ChatOpsRelease.Bot.Chat.Slack.Api;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.Api;

public sealed class SlackWebApiPacingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TwoPostsToOneChannel_AreAtLeastPostIntervalApart()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = Interval, time);

        await harness.Api.PostMessageAsync(new SlackMessage("C1", "first"), CancellationToken.None).WaitAsync(RealWait);
        var second = harness.Api.PostMessageAsync(new SlackMessage("C1", "second"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(second.IsCompleted, "the second post went before the interval passed");
        await SlackApiHarness.AdvanceUntilDoneAsync(time, second, TimeSpan.FromMilliseconds(100));

        await second;
        var calls = harness.Slack.CallsTo("chat.postMessage");
        Assert.Equal(["first", "second"], calls.Select(call => call.Field("text")));
        Assert.True(calls[1].At - calls[0].At >= Interval, $"posted {calls[1].At - calls[0].At} apart");
    }

    [Fact]
    public async Task PostsToDifferentChannels_AreNotHeldBack()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = TimeSpan.FromMinutes(1), new FakeTimeProvider());

        await Task.WhenAll(
            harness.Api.PostMessageAsync(new SlackMessage("C1", "one"), CancellationToken.None),
            harness.Api.PostMessageAsync(new SlackMessage("C2", "two"), CancellationToken.None),
            harness.Api.PostMessageAsync(new SlackMessage("D3", "three"), CancellationToken.None)).WaitAsync(RealWait);

        Assert.Equal(3, harness.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task ConcurrentPostsToOneChannel_GoOneIntervalApart()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = Interval, time);

        var posts = Task.WhenAll(Enumerable.Range(1, 5).Select(i => harness.Api.PostMessageAsync(new SlackMessage("C1", $"post {i}"), CancellationToken.None)));
        await SlackApiHarness.AdvanceUntilDoneAsync(time, posts, TimeSpan.FromMilliseconds(100));

        Assert.Equal(5, (await posts).Select(posted => posted.Ts).Distinct().Count());
        var times = harness.Slack.CallsTo("chat.postMessage").Select(call => call.At).Order().ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Interval, $"posted {pair.Second - pair.First} apart"));
    }

    [Fact]
    public async Task UpdatesAndEphemeralMessages_AreNotPaced()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = TimeSpan.FromMinutes(1), new FakeTimeProvider());

        await harness.Api.PostMessageAsync(new SlackMessage("C1", "post"), CancellationToken.None).WaitAsync(RealWait);
        await harness.Api.UpdateMessageAsync("1.1", new SlackMessage("C1", "edit"), CancellationToken.None).WaitAsync(RealWait);
        await harness.Api.PostEphemeralAsync("U1", new SlackMessage("C1", "psst"), CancellationToken.None).WaitAsync(RealWait);

        Assert.Equal(3, harness.Slack.Calls.Count);
    }

    [Fact]
    public async Task ZeroPostInterval_DoesNotPace()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = TimeSpan.Zero, new FakeTimeProvider());

        for (var i = 0; i < 3; i++)
        {
            await harness.Api.PostMessageAsync(new SlackMessage("C1", "again"), CancellationToken.None).WaitAsync(RealWait);
        }

        Assert.Equal(3, harness.Slack.Calls.Count);
    }

    [Fact]
    public async Task PostCancelledWhileWaitingItsTurn_DoesNotHoldUpTheChannel()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = Interval, time);
        await harness.Api.PostMessageAsync(new SlackMessage("C1", "first"), CancellationToken.None).WaitAsync(RealWait);
        using var cancel = new CancellationTokenSource();

        var cancelled = harness.Api.PostMessageAsync(new SlackMessage("C1", "never"), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var third = harness.Api.PostMessageAsync(new SlackMessage("C1", "third"), CancellationToken.None);
        await SlackApiHarness.AdvanceUntilDoneAsync(time, third, TimeSpan.FromMilliseconds(100));

        await third;
        Assert.Equal(["first", "third"], harness.Slack.CallsTo("chat.postMessage").Select(call => call.Field("text")));
    }

    [Fact]
    public async Task FailedPost_UsesItsTurn_AndTheNextPostStillGoes()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(options => options.PostInterval = Interval, time);
        harness.Slack.FailNext("chat.postMessage", "not_in_channel");

        await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostMessageAsync(new SlackMessage("C1", "refused"), CancellationToken.None).WaitAsync(RealWait));
        var next = harness.Api.PostMessageAsync(new SlackMessage("C1", "next"), CancellationToken.None);
        await SlackApiHarness.AdvanceUntilDoneAsync(time, next, TimeSpan.FromMilliseconds(100));

        await next;
        var calls = harness.Slack.CallsTo("chat.postMessage");
        Assert.True(calls[1].At - calls[0].At >= Interval, $"posted {calls[1].At - calls[0].At} apart");
    }
}
