using ChatOpsRelease.Bot.Chat.Slack.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.Api;

public sealed class SlackWebApiRateLimitTests
{
    private static readonly SlackMessage Hello = new("C1", "hello");

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task RateLimited_IsRetriedAfterRetryAfter_AndTheWaitIsLogged()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(time: time);
        harness.Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 3);

        var post = harness.Api.PostMessageAsync(Hello, CancellationToken.None);
        await SlackApiHarness.AdvanceUntilDoneAsync(time, post, Step);

        Assert.Equal("C1", (await post).Channel);
        var calls = harness.Slack.CallsTo("chat.postMessage");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(3), $"retried after {calls[1].At - calls[0].At}");
        Assert.Contains(harness.Logs.Entries, entry => entry.Level == LogLevel.Information
            && entry.Message == "Slack rate-limited chat.postMessage; waiting 00:00:03 before retry 1 of 3");
    }

    [Fact]
    public async Task RateLimited_WithoutRetryAfter_WaitsOneSecond()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(time: time);
        harness.Slack.RateLimitNext("chat.update", retryAfterSeconds: null);

        var update = harness.Api.UpdateMessageAsync("1.1", Hello, CancellationToken.None);
        await SlackApiHarness.AdvanceUntilDoneAsync(time, update, Step);

        await update;
        var calls = harness.Slack.CallsTo("chat.update");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1), $"retried after {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task RateLimited_MoreThanRateLimitRetriesTimes_GivesUpWithRatelimited()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(options => options.RateLimitRetries = 2, time);
        for (var i = 0; i < 4; i++)
        {
            harness.Slack.RateLimitNext("chat.postMessage");
        }

        var post = harness.Api.PostMessageAsync(Hello, CancellationToken.None);
        await SlackApiHarness.AdvanceUntilDoneAsync(time, post, Step);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => post);
        Assert.Equal(("chat.postMessage", "ratelimited"), (error.Method, error.Error));
        Assert.Equal("Slack rate-limited chat.postMessage and still did after 2 retries.", error.Message);
        Assert.Equal(3, harness.Slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(2, harness.Logs.Entries.Count(entry => entry.Message.StartsWith("Slack rate-limited chat.postMessage; waiting", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RateLimited_WithNoRetriesAllowed_FailsAtOnce()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.RateLimitRetries = 0, new FakeTimeProvider());
        harness.Slack.RateLimitNext("apps.connections.open");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.OpenSocketConnectionAsync(CancellationToken.None));

        Assert.Equal("ratelimited", error.Error);
        Assert.Single(harness.Slack.Calls);
    }

    [Fact]
    public async Task RateLimitedUploadStep_IsRetriedLikeAnyCall()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SlackApiHarness.StartAsync(time: time);
        harness.Slack.RateLimitNext("files.completeUploadExternal");

        var upload = harness.Api.UploadFileAsync(new SlackFileUpload("C1", null, "a.png", "A", [1]), CancellationToken.None);
        await SlackApiHarness.AdvanceUntilDoneAsync(time, upload, Step);

        Assert.StartsWith("F", await upload, StringComparison.Ordinal);
        Assert.Equal(2, harness.Slack.CallsTo("files.completeUploadExternal").Count);
    }
}
