using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.Api;

public sealed class SlackWebApiTests
{
    private static JsonArray Blocks() => new(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*hi*" } });

    private static void AssertJson(string expected, JsonObject? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}{Environment.NewLine}but got {actual?.ToJsonString()}");

    [Fact]
    public async Task PostMessage_SendsChannelTextBlocksAndThreadAsJsonWithTheBotToken_AndReturnsTheTs()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var posted = await harness.Api.PostMessageAsync(new SlackMessage("C1", "hi", Blocks(), "1700000000.000001"), CancellationToken.None);

        var call = Assert.Single(harness.Slack.Calls);
        Assert.Equal("chat.postMessage", call.Method);
        Assert.Equal("/api/chat.postMessage", call.Path);
        Assert.Equal($"Bearer {SlackApiHarness.BotToken}", call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        AssertJson("""{"channel":"C1","text":"hi","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*hi*"}}],"thread_ts":"1700000000.000001"}""", call.Json);
        Assert.Equal(new SlackPosted("C1", "1700000000.000100"), posted);
    }

    [Fact]
    public async Task PostMessage_WithoutBlocksOrThread_SendsOnlyChannelAndText()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        await harness.Api.PostMessageAsync(new SlackMessage("C1", "plain"), CancellationToken.None);

        AssertJson("""{"channel":"C1","text":"plain"}""", harness.Slack.Calls[0].Json);
    }

    [Fact]
    public async Task PostMessage_TheSameMessageTwice_LeavesTheCallersBlocksIntactAndGetsIncreasingTs()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var message = new SlackMessage("C1", "twice", Blocks());

        var first = await harness.Api.PostMessageAsync(message, CancellationToken.None);
        var second = await harness.Api.PostMessageAsync(message, CancellationToken.None);

        Assert.Null(message.Blocks!.Parent);
        Assert.True(string.CompareOrdinal(first.Ts, second.Ts) < 0, $"{first.Ts} then {second.Ts}");
        Assert.All(harness.Slack.Calls, call => Assert.NotNull(call.Json!["blocks"]));
    }

    [Fact]
    public async Task UpdateMessage_SendsChannelTsTextAndBlocks_ButNoThread()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        await harness.Api.UpdateMessageAsync("1700000000.000100", new SlackMessage("C1", "now", Blocks(), "1700000000.000001"), CancellationToken.None);

        var call = await harness.Slack.WaitForCallAsync("chat.update");
        Assert.Equal($"Bearer {SlackApiHarness.BotToken}", call.Authorization);
        AssertJson("""{"channel":"C1","text":"now","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*hi*"}}],"ts":"1700000000.000100"}""", call.Json);
    }

    [Fact]
    public async Task UpdateMessage_WithoutBlocks_LeavesBlocksOutSoSlackKeepsTheOldOnes()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        await harness.Api.UpdateMessageAsync("1700000000.000100", new SlackMessage("C1", "text only"), CancellationToken.None);

        AssertJson("""{"channel":"C1","text":"text only","ts":"1700000000.000100"}""", harness.Slack.Calls[0].Json);
    }

    [Fact]
    public async Task PostEphemeral_SendsTheUserChannelTextAndThread()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        await harness.Api.PostEphemeralAsync("U42", new SlackMessage("C1", "only you", null, "1700000000.000001"), CancellationToken.None);

        var call = await harness.Slack.WaitForCallAsync("chat.postEphemeral");
        Assert.Equal($"Bearer {SlackApiHarness.BotToken}", call.Authorization);
        AssertJson("""{"channel":"C1","text":"only you","thread_ts":"1700000000.000001","user":"U42"}""", call.Json);
    }

    [Fact]
    public async Task UploadFile_GetsAnUploadUrlByForm_PostsTheBytesThere_ThenCompletesInTheThread()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var bytes = Encoding.ASCII.GetBytes("\x89PNG fake chart bytes");

        var fileId = await harness.Api.UploadFileAsync(
            new SlackFileUpload("C1", "1700000000.000001", "canary.png", "Error rate", bytes, "Canary vs stable", "Comparison"), CancellationToken.None);

        var calls = harness.Slack.Calls;
        Assert.Equal(["files.getUploadURLExternal", FakeSlack.UploadMethod, "files.completeUploadExternal"], calls.Select(c => c.Method));
        var (ticket, upload, complete) = (calls[0], calls[1], calls[2]);
        Assert.Equal("application/x-www-form-urlencoded", ticket.ContentType);
        Assert.Equal(new Dictionary<string, string> { ["filename"] = "canary.png", ["length"] = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["alt_txt"] = "Canary vs stable" }, ticket.Form);
        Assert.Equal($"/upload/{fileId}", upload.Path);
        Assert.Equal(bytes, upload.RawBody);
        Assert.All(calls, call => Assert.Equal(SlackApiHarness.BotToken, call.BearerToken));
        AssertJson($$"""{"files":[{"id":"{{fileId}}","title":"Error rate"}],"channel_id":"C1","thread_ts":"1700000000.000001","initial_comment":"Comparison"}""", complete.Json);
    }

    [Fact]
    public async Task UploadFile_WithoutThreadAltTextOrComment_LeavesThoseFieldsOut()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var fileId = await harness.Api.UploadFileAsync(new SlackFileUpload("C1", null, "a.png", "A", [1, 2, 3]), CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["filename"] = "a.png", ["length"] = "3" }, harness.Slack.Calls[0].Form);
        AssertJson($$"""{"files":[{"id":"{{fileId}}","title":"A"}],"channel_id":"C1"}""", harness.Slack.CallsTo("files.completeUploadExternal")[0].Json);
    }

    [Fact]
    public async Task OpenSocketConnection_UsesTheAppTokenInTheHeaderAndAnEmptyForm_AndReturnsTheUrl()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.SocketUrl = new Uri("wss://wss.example.test/link/?ticket=abc&app_id=A1");

        var url = await harness.Api.OpenSocketConnectionAsync(CancellationToken.None);

        Assert.Equal(harness.Slack.SocketUrl, url);
        var call = Assert.Single(harness.Slack.Calls);
        Assert.Equal("apps.connections.open", call.Method);
        Assert.Equal($"Bearer {SlackApiHarness.AppToken}", call.Authorization);
        Assert.Equal("application/x-www-form-urlencoded", call.ContentType);
        Assert.Empty(call.Form!);
    }

    [Fact]
    public async Task ApiBaseUrl_WithoutTrailingSlash_StillReachesTheMethods()
    {
        await using var harness = await SlackApiHarness.StartAsync(options => options.ApiBaseUrl = options.ApiBaseUrl.TrimEnd('/'));

        await harness.Api.PostMessageAsync(new SlackMessage("C1", "hi"), CancellationToken.None);

        Assert.Equal("/api/chat.postMessage", Assert.Single(harness.Slack.Calls).Path);
    }
}
