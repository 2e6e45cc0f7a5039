using ChatOpsRelease.Bot.Chat.Slack.Api;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.Api;

public sealed class SlackWebApiFailureTests
{
    private static readonly SlackMessage Hello = new("C1", "hello");

    [Fact]
    public async Task PostMessage_WhenSlackSaysNotOk_ThrowsWithTheErrorCode_AndLogsMethodChannelAndError()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.FailNext("chat.postMessage", "channel_not_found");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostMessageAsync(Hello, CancellationToken.None));

        Assert.Equal("chat.postMessage", error.Method);
        Assert.Equal("channel_not_found", error.Error);
        Assert.Equal("Slack refused chat.postMessage: channel_not_found", error.Message);
        var warning = Assert.Single(harness.Logs.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Equal("Slack refused chat.postMessage in C1: channel_not_found", warning.Message);
    }

    [Fact]
    public async Task Refusal_WithSlacksDetailMessages_PutsThemInTheExceptionMessage()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.RespondNext(
            "chat.update", 200, """{"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]"]}}""");

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.UpdateMessageAsync("1.2", Hello, CancellationToken.None));

        Assert.Equal("invalid_blocks", error.Error);
        Assert.Equal("Slack refused chat.update: invalid_blocks ([ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text])", error.Message);
    }

    [Fact]
    public async Task HttpError_OtherThan429_ThrowsHttpStatusError_WithoutRetrying()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.RespondNext("chat.postEphemeral", 503, "upstream unavailable", new Dictionary<string, string> { ["Content-Type"] = "text/plain" });

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostEphemeralAsync("U1", Hello, CancellationToken.None));

        Assert.Equal("http_503", error.Error);
        Assert.Equal("Slack answered chat.postEphemeral with HTTP 503.", error.Message);
        Assert.Single(harness.Slack.Calls);
    }

    [Fact]
    public async Task UploadFile_WhenTheByteUploadFails_ThrowsAndDoesNotComplete()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.RespondNext(Support.FakeSlack.UploadMethod, 500, "no");

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Api.UploadFileAsync(new SlackFileUpload("C1", null, "a.png", "A", [1]), CancellationToken.None));

        Assert.Equal((SlackWebApi.FileUpload, "http_500"), (error.Method, error.Error));
        Assert.Empty(harness.Slack.CallsTo("files.completeUploadExternal"));
    }

    [Fact]
    public async Task AnswerThatIsNotJson_ThrowsInvalidResponse()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.RespondNext("chat.postMessage", 200, "<html>proxy error</html>", new Dictionary<string, string> { ["Content-Type"] = "text/html" });

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostMessageAsync(Hello, CancellationToken.None));

        Assert.Equal(("invalid_response", "Slack answered chat.postMessage with something other than a JSON object."), (error.Error, error.Message));
    }

    [Fact]
    public async Task UploadUrlThatIsNotHttp_ThrowsInvalidResponse_WithoutUploading()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.RespondNext("files.getUploadURLExternal", 200, """{"ok":true,"upload_url":"file:///etc/passwd","file_id":"F1"}""");

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Api.UploadFileAsync(new SlackFileUpload("C1", null, "a.png", "A", [1]), CancellationToken.None));

        Assert.Equal("invalid_response", error.Error);
        Assert.Single(harness.Slack.Calls);
    }

    [Fact]
    public async Task ServerGone_ThrowsNetworkError()
    {
        var harness = await SlackApiHarness.StartAsync();
        await harness.Slack.DisposeAsync();

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostMessageAsync(Hello, CancellationToken.None));

        Assert.Equal("network", error.Error);
        Assert.StartsWith("Could not reach Slack for chat.postMessage", error.Message, StringComparison.Ordinal);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task NoAnswerWithinRequestTimeout_ThrowsNetworkError()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.RequestTimeout = TimeSpan.FromMilliseconds(300));
        harness.Slack.RespondNext("chat.postMessage", 200, """{"ok":true,"channel":"C1","ts":"1.1"}""", delay: TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostMessageAsync(Hello, CancellationToken.None));

        Assert.Equal("network", error.Error);
        Assert.Equal("Slack did not answer chat.postMessage within 0.3 s.", error.Message);
    }

    [Fact]
    public async Task CallerCancelling_IsACancellation_NotASlackError()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.RespondNext("chat.postMessage", 200, """{"ok":true,"channel":"C1","ts":"1.1"}""", delay: TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Api.PostMessageAsync(Hello, cancel.Token));
    }

    [Fact]
    public async Task MissingBotToken_ThrowsNotConfigured_WithoutCallingSlack()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.BotToken = null);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => harness.Api.PostMessageAsync(Hello, CancellationToken.None));

        Assert.Equal("not_configured", error.Error);
        Assert.Equal("Cannot call chat.postMessage: Chat:Slack:BotToken is not set.", error.Message);
        Assert.Empty(harness.Slack.Calls);
    }

    [Fact]
    public async Task NoLogLineOrExceptionMessage_EverContainsAToken()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.RateLimitRetries = 0);
        var api = harness.Api;
        var errors = new List<Exception?>();
        harness.Slack.FailNext("chat.postMessage", "not_in_channel");
        harness.Slack.RateLimitNext("chat.update");
        harness.Slack.RespondNext("chat.postEphemeral", 500, "{}");
        harness.Slack.FailNext("apps.connections.open", "invalid_auth");
        foreach (var call in new Func<Task>[]
        {
            () => api.PostMessageAsync(Hello, CancellationToken.None),
            () => api.UpdateMessageAsync("1.1", Hello, CancellationToken.None),
            () => api.PostEphemeralAsync("U1", Hello, CancellationToken.None),
            () => api.OpenSocketConnectionAsync(CancellationToken.None),
            () => api.PostMessageAsync(Hello, CancellationToken.None),
            () => api.UploadFileAsync(new SlackFileUpload("C1", "1.1", "a.png", "A", [1, 2]), CancellationToken.None),
            () => api.OpenSocketConnectionAsync(CancellationToken.None),
        })
        {
            errors.Add(await Record.ExceptionAsync(call));
        }

        await harness.Slack.DisposeAsync();
        errors.Add(await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync(Hello, CancellationToken.None)));

        Assert.Equal(
            ["not_in_channel", "ratelimited", "http_500", "invalid_auth", null, null, null, "network"],
            errors.Select(error => error is null ? null : Assert.IsType<SlackApiException>(error).Error));
        Assert.Contains(harness.Logs.Entries, entry => entry.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal) && entry.Message.Contains("Authorization", StringComparison.Ordinal));
        var written = harness.Logs.Entries.Select(entry => entry.AllText).Concat(errors.OfType<Exception>().Select(error => error.ToString())).ToList();
        foreach (var secret in new[] { SlackApiHarness.BotToken, SlackApiHarness.AppToken, "botsecretvalue", "appsecretvalue" })
        {
            Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }
}
