using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Support;

public sealed class FakeSlackTests
{
    private static async Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(FakeSlack slack, string method, HttpContent content, string? token = "xoxb-1")
    {
        using var http = new HttpClient { BaseAddress = slack.ApiBaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task ApiBaseUrl_IsALoopbackAddressEndingInApi()
    {
        await using var slack = await FakeSlack.StartAsync();

        Assert.Equal("127.0.0.1", slack.ApiBaseUrl.Host);
        Assert.EndsWith("/api/", slack.ApiBaseUrl.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat.unknownThing", "xoxb-1", "unknown_method")]
    [InlineData("chat.postMessage", null, "not_authed")]
    [InlineData("chat.postMessage", "xapp-1", "not_allowed_token_type")]
    [InlineData("apps.connections.open", "xoxb-1", "not_allowed_token_type")]
    public async Task Mistakes_AreAnsweredWithSlacksErrorCodes(string method, string? token, string error)
    {
        await using var slack = await FakeSlack.StartAsync();

        var (status, body) = await PostAsync(slack, method, Json("""{"channel":"C1","text":"hi"}"""), token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(error, body?["error"]?.GetValue<string>());
        Assert.Equal(method, Assert.Single(slack.Calls).Method);
    }

    [Fact]
    public async Task GetUploadUrl_WithAJsonBody_IsRefusedLikeSlackDoes()
    {
        await using var slack = await FakeSlack.StartAsync();

        var (_, body) = await PostAsync(slack, "files.getUploadURLExternal", Json("""{"filename":"a.png","length":3}"""));

        Assert.Equal("invalid_arguments", body?["error"]?.GetValue<string>());
    }

    [Fact]
    public async Task RespondNext_AnswersOnlyTheNextCallOfThatMethod()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.RespondNext("chat.postMessage", 418, """{"ok":false,"error":"teapot"}""", new Dictionary<string, string> { ["X-Test"] = "yes" });

        var first = await PostAsync(slack, "chat.postMessage", Json("""{"channel":"C1","text":"a"}"""));
        var second = await PostAsync(slack, "chat.postMessage", Json("""{"channel":"C1","text":"b"}"""));

        Assert.Equal((HttpStatusCode)418, first.Status);
        Assert.True(second.Body?["ok"]?.GetValue<bool>());
        Assert.Equal(2, slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task WaitForCallsAsync_ReturnsOnceEnoughCallsCame()
    {
        await using var slack = await FakeSlack.StartAsync();

        var waiting = slack.WaitForCallsAsync("chat.update", 2, call => call.Field("ts") != "skip");
        await PostAsync(slack, "chat.update", Json("""{"channel":"C1","text":"a","ts":"1.1"}"""));
        await PostAsync(slack, "chat.update", Json("""{"channel":"C1","text":"b","ts":"skip"}"""));
        await PostAsync(slack, "chat.update", Json("""{"channel":"C1","text":"c","ts":"1.3"}"""));

        Assert.Equal(["a", "c"], (await waiting).Select(call => call.Field("text")));
    }

    [Fact]
    public async Task WaitForCallAsync_OnTimeout_ListsTheCallsItSaw()
    {
        await using var slack = await FakeSlack.StartAsync();
        await PostAsync(slack, "chat.postMessage", Json("""{"channel":"C9","text":"seen"}"""));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => slack.WaitForCallAsync("chat.update", timeout: TimeSpan.FromMilliseconds(100)));

        Assert.Contains("expected 1 chat.update call(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("""1. chat.postMessage [application/json; charset=utf-8] {"channel":"C9","text":"seen"}""", error.Message, StringComparison.Ordinal);
    }
}
