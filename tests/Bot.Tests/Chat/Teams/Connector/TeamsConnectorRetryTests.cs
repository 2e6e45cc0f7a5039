using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

public sealed class TeamsConnectorRetryTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task RateLimited_IsRetriedAfterRetryAfter_AndTheWaitIsLogged()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(time: time);
        harness.Teams.RateLimitNext(retryAfterSeconds: 3);

        var send = harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), CancellationToken.None);
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, send, Step);

        Assert.Equal("1700000000001", await send);
        var calls = harness.Teams.CallsTo(FakeTeamsOperation.Send);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(3), $"retried after {calls[1].At - calls[0].At}");
        Assert.Contains(harness.Logs.Entries, entry => entry.Level == LogLevel.Information
            && entry.Message == "Teams answered send in conversation a:1 with HTTP 429; waiting 00:00:03 before retry 1 of 4");
    }

    [Fact]
    public async Task RetryAfterLongerThanTheLongestBackoff_IsStillHonoured()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(time: time);
        harness.Teams.RateLimitNext(retryAfterSeconds: 45);

        var update = harness.Connector.UpdateAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("hi"), CancellationToken.None);
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, update, TimeSpan.FromSeconds(1));

        await update;
        var calls = harness.Teams.CallsTo(FakeTeamsOperation.Update);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(45), $"retried after {calls[1].At - calls[0].At}");
    }

    [Theory]
    [InlineData(429)]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task TransientFailure_IsRetriedWithBackoff_ThenSucceeds(int status)
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(time: time);
        harness.Teams.RespondNext(status);
        harness.Teams.RespondNext(status);

        var reply = harness.Connector.ReplyAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("hi"), CancellationToken.None);
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, reply, Step);

        Assert.Equal("1700000000001", await reply);
        var calls = harness.Teams.CallsTo(FakeTeamsOperation.Reply);
        Assert.Equal(3, calls.Count);
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.At > pair.First.At, "a retry went without waiting"));
        var waits = harness.Logs.Entries.Where(entry => entry.Message.StartsWith($"Teams answered reply in conversation a:1 with HTTP {status}; waiting", StringComparison.Ordinal));
        Assert.Equal(2, waits.Count());
    }

    [Fact]
    public async Task StillFailingAfterRetries_GivesUpWithAClearException()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.Retries = 2, time);
        for (var i = 0; i < 4; i++)
        {
            harness.Teams.RespondNext(502, "<html>Bad Gateway</html>", new Dictionary<string, string> { ["Content-Type"] = "text/html" });
        }

        var send = harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), CancellationToken.None);
        await TeamsConnectorHarness.AdvanceUntilDoneAsync(time, send, Step);

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => send);
        Assert.Equal((502, "http_502"), (error.Status, error.Code));
        Assert.Equal("Teams still answered send in conversation a:1 with HTTP 502 (http_502) after 2 retries.", error.Message);
        Assert.Equal(3, harness.Teams.CallsTo(FakeTeamsOperation.Send).Count);
        Assert.Contains(harness.Logs.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message == "Teams still answered send in conversation a:1 with HTTP 502 (http_502) after 2 retries; giving up; operation id -");
    }

    [Fact]
    public async Task NoRetriesAllowed_FailsAtOnce()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.Retries = 0, new FakeTimeProvider());
        harness.Teams.RateLimitNext();

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), CancellationToken.None));

        Assert.Equal((429, "TooManyRequests"), (error.Status, error.Code));
        Assert.Single(harness.Teams.ActivityCalls);
    }

    [Fact]
    public async Task Refusal_WithAnErrorBody_IsNotRetried_AndCarriesCodeStatusAndMessage()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(time: new FakeTimeProvider());
        harness.Teams.RespondNext(
            403,
            """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""",
            new Dictionary<string, string> { ["X-Correlating-OperationId"] = "op-7f3a" });

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.SendAsync(harness.ServiceUrl, TeamsConnectorHarness.ChannelConversation, TeamsConnectorHarness.Message("hi"), CancellationToken.None));

        Assert.Equal((403, "BotNotInConversationRoster"), (error.Status, error.Code));
        Assert.Equal(
            "Teams answered send in conversation 19:abc@thread.tacv2;messageid=1 with HTTP 403 (BotNotInConversationRoster: The bot is not part of the conversation roster.).",
            error.Message);
        Assert.Single(harness.Teams.ActivityCalls);
        Assert.Contains(harness.Logs.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message == "Teams answered send in conversation 19:abc@thread.tacv2;messageid=1 with HTTP 403 (BotNotInConversationRoster); operation id op-7f3a");
    }

    [Fact]
    public async Task ServerError_WithoutAnErrorBody_IsNotRetried_AndNamedByItsStatus()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(time: new FakeTimeProvider());
        harness.Teams.RespondNext(500, "oops");

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.UpdateAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("hi"), CancellationToken.None));

        Assert.Equal((500, "http_500", "Teams answered update in conversation a:1 with HTTP 500 (http_500)."), (error.Status, error.Code, error.Message));
        Assert.Single(harness.Teams.ActivityCalls);
    }

    [Fact]
    public async Task ServerGone_IsANetworkError_NotRetried()
    {
        var harness = await TeamsConnectorHarness.StartAsync(options => options.AllowUnauthenticated = true);
        await harness.Teams.DisposeAsync();
        var connector = harness.Connector;

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), CancellationToken.None));

        Assert.Equal((0, "network"), (error.Status, error.Code));
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task NoAnswerWithinRequestTimeout_IsANetworkError()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.RequestTimeout = TimeSpan.FromMilliseconds(300));
        await harness.Tokens.GetTokenAsync(CancellationToken.None);
        harness.Teams.RespondNext(200, """{"id":"1"}""", delay: TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), CancellationToken.None));

        Assert.Equal(("network", "Teams did not answer send in conversation a:1 within 0.3 s."), (error.Code, error.Message));
    }

    [Fact]
    public async Task CallerCancelling_IsACancellation_NotAConnectorError()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.RespondNext(200, """{"id":"1"}""", delay: TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), cancel.Token));
    }

    [Fact]
    public async Task CallerCancellingDuringABackoff_IsACancellation()
    {
        var time = new FakeTimeProvider();
        await using var harness = await TeamsConnectorHarness.StartAsync(time: time);
        harness.Teams.RateLimitNext(retryAfterSeconds: 60);
        using var cancel = new CancellationTokenSource();

        var send = harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), cancel.Token);
        await harness.WaitForLogAsync("Teams answered send in conversation a:1 with HTTP 429; waiting");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(harness.Teams.ActivityCalls);
    }
}
