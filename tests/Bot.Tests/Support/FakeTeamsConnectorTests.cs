using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Support;

public sealed class FakeTeamsConnectorTests
{
    private static async Task<(HttpStatusCode Status, JsonObject? Body, TimeSpan? RetryAfter)> CallAsync(
        FakeTeamsConnector teams, HttpMethod method, string path, string json = """{"type":"message","text":"hi"}""", string? token = null)
    {
        using var http = new HttpClient { BaseAddress = teams.ServiceUrl };
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null, response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ServiceUrl_IsALoopbackAddressWithARegionPath()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();

        Assert.Equal("127.0.0.1", teams.ServiceUrl.Host);
        Assert.Equal("/amer/", teams.ServiceUrl.AbsolutePath);
    }

    [Fact]
    public async Task ActivityCalls_AreRecognisedAndRecorded_WithUnescapedIds()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();

        var sent = await CallAsync(teams, HttpMethod.Post, "v3/conversations/19%3Aa%2Fb%40thread.v2/activities");
        var replied = await CallAsync(teams, HttpMethod.Post, "v3/conversations/a%3A1/activities/17");
        var updated = await CallAsync(teams, HttpMethod.Put, "v3/conversations/a%3A1/activities/17");
        await CallAsync(teams, HttpMethod.Delete, "v3/conversations/a%3A1/activities/17");
        var created = await CallAsync(teams, HttpMethod.Post, "v3/conversations", """{"members":[{"id":"29:1"}]}""");

        Assert.Equal(
            [FakeTeamsOperation.Send, FakeTeamsOperation.Reply, FakeTeamsOperation.Update, FakeTeamsOperation.Delete, FakeTeamsOperation.CreateConversation],
            teams.Calls.Select(call => call.Operation));
        Assert.Equal(("19:a/b@thread.v2", (string?)null), (teams.Calls[0].ConversationId, teams.Calls[0].ActivityId));
        Assert.Equal("/amer/v3/conversations/19%3Aa%2Fb%40thread.v2/activities", teams.Calls[0].Path);
        Assert.Equal(("a:1", "17", "hi"), (teams.Calls[1].ConversationId, teams.Calls[1].ActivityId, teams.Calls[1].Text));
        Assert.Equal(["1700000000001", "1700000000002", "17", "a:1700000000003"], new[] { sent, replied, updated, created }.Select(answer => answer.Body?["id"]?.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownPaths_AreAnswered404_AndRecorded()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();

        var (status, _, _) = await CallAsync(teams, HttpMethod.Get, "v3/conversations/a%3A1/members");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(FakeTeamsOperation.Unknown, Assert.Single(teams.Calls).Operation);
    }

    [Fact]
    public async Task RespondNext_AnswersTheNextCallsInOrder_ThoseForANamedOperationFirst()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();
        teams.RateLimitNext(retryAfterSeconds: 7);
        teams.FailNext(412, "PreconditionFailed", "try again", FakeTeamsOperation.Update);

        var first = await CallAsync(teams, HttpMethod.Put, "v3/conversations/a/activities/1");
        var second = await CallAsync(teams, HttpMethod.Put, "v3/conversations/a/activities/1");
        var third = await CallAsync(teams, HttpMethod.Put, "v3/conversations/a/activities/1");

        Assert.Equal(((HttpStatusCode)412, "PreconditionFailed"), (first.Status, first.Body?["error"]?["code"]?.GetValue<string>()));
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7)), (second.Status, second.RetryAfter));
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(3, teams.CallsTo(FakeTeamsOperation.Update).Count);
    }

    [Fact]
    public async Task RequireToken_RefusesCallsWithoutATokenItIssued()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();
        teams.RequireToken = true;

        var (status, _, _) = await CallAsync(teams, HttpMethod.Post, "v3/conversations/a/activities", token: "made-up");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("made-up", Assert.Single(teams.Calls).BearerToken);
    }

    [Fact]
    public async Task TokenEndpoint_IssuesTokens_ThroughTheLoopbackHandler_AndChecksTheSecret()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();
        teams.ClientSecret = "right";
        teams.TokenExpiresIn = 99;
        using var http = new HttpClient(teams.CreateLoopbackHandler());

        async Task<JsonObject?> AskAsync(string secret)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = "app", ["scope"] = "https://api.botframework.com/.default", ["client_secret"] = secret,
            });
            using var response = await http.PostAsync(new Uri("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token"), form);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject;
        }

        var issued = await AskAsync("right");
        var refused = await AskAsync("wrong");

        Assert.Equal(("fake-teams-token-0001", 99), (issued?["access_token"]?.GetValue<string>(), issued?["expires_in"]?.GetValue<int>()));
        Assert.Equal("invalid_client", refused?["error"]?.GetValue<string>());
        Assert.Equal(["fake-teams-token-0001"], teams.IssuedTokens);
        var first = teams.CallsTo(FakeTeamsOperation.Token)[0];
        Assert.Equal(("tenant-1", "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token"), (first.Tenant, first.OriginalUrl));
        Assert.DoesNotContain("right", first.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCallsAsync_ReturnsOnceEnoughMatchingCallsCame()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();

        var waiting = teams.WaitForCallsAsync(FakeTeamsOperation.Send, 2, call => call.ConversationId == "a:1");
        await CallAsync(teams, HttpMethod.Post, "v3/conversations/a%3A1/activities", """{"text":"one"}""");
        await CallAsync(teams, HttpMethod.Post, "v3/conversations/a%3A2/activities", """{"text":"other"}""");
        await CallAsync(teams, HttpMethod.Post, "v3/conversations/a%3A1/activities", """{"text":"two"}""");

        Assert.Equal(["one", "two"], (await waiting).Select(call => call.Text));
    }

    [Fact]
    public async Task WaitForCallAsync_OnTimeout_ListsTheCallsItSaw()
    {
        await using var teams = await FakeTeamsConnector.StartAsync();
        await CallAsync(teams, HttpMethod.Post, "v3/conversations/a%3A9/activities", """{"text":"seen"}""");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => teams.WaitForCallAsync(FakeTeamsOperation.Update, timeout: TimeSpan.FromMilliseconds(100)));

        Assert.Contains("expected 1 Update call(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("""1. Send POST /amer/v3/conversations/a%3A9/activities {"text":"seen"}""", error.Message, StringComparison.Ordinal);
    }
}
