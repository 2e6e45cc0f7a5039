using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

public sealed class TeamsConnectorTests
{
    private const string EscapedChannel = "19%3Aabc%40thread.tacv2%3Bmessageid%3D1";

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Send_PostsTheActivityToTheEscapedConversation_WithTheBearerToken_AndReturnsTheNewId()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.RequireToken = true;
        var activity = new JsonObject { ["type"] = "message", ["text"] = "Deploying checkout v2.4.0", ["attachments"] = new JsonArray() };

        var id = await harness.Connector.SendAsync(harness.ServiceUrl, TeamsConnectorHarness.ChannelConversation, activity, None);

        var call = Assert.Single(harness.Teams.ActivityCalls);
        Assert.Equal((FakeTeamsOperation.Send, "POST"), (call.Operation, call.HttpMethod));
        Assert.Equal($"/amer/v3/conversations/{EscapedChannel}/activities", call.Path);
        Assert.Equal(TeamsConnectorHarness.ChannelConversation, call.ConversationId);
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(activity, call.Json), call.BodyText);
        Assert.Equal(Assert.Single(harness.Teams.IssuedTokens), call.BearerToken);
        Assert.Equal("1700000000001", id);
    }

    [Fact]
    public async Task Reply_PostsToTheActivityItAnswers()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();

        var id = await harness.Connector.ReplyAsync(harness.ServiceUrl, TeamsConnectorHarness.ChannelConversation, "1:1xYz/9", TeamsConnectorHarness.Message("done"), None);

        var call = Assert.Single(harness.Teams.ActivityCalls);
        Assert.Equal((FakeTeamsOperation.Reply, "POST"), (call.Operation, call.HttpMethod));
        Assert.Equal($"/amer/v3/conversations/{EscapedChannel}/activities/1%3A1xYz%2F9", call.Path);
        Assert.Equal(("1:1xYz/9", "done"), (call.ActivityId, call.Text));
        Assert.NotNull(call.BearerToken);
        Assert.Equal("1700000000001", id);
    }

    [Fact]
    public async Task Update_PutsTheActivityInPlace()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();

        await harness.Connector.UpdateAsync(harness.ServiceUrl, "a:1personal", "1700000000042", TeamsConnectorHarness.Message("card v2"), None);

        var call = Assert.Single(harness.Teams.ActivityCalls);
        Assert.Equal((FakeTeamsOperation.Update, "PUT"), (call.Operation, call.HttpMethod));
        Assert.Equal("/amer/v3/conversations/a%3A1personal/activities/1700000000042", call.Path);
        Assert.Equal(("1700000000042", "card v2"), (call.ActivityId, call.Text));
        Assert.NotNull(call.BearerToken);
    }

    [Fact]
    public async Task ManyCalls_ShareOneCachedToken()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();

        await harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("one"), None);
        await harness.Connector.ReplyAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("two"), None);
        await harness.Connector.UpdateAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("three"), None);

        Assert.Single(harness.Teams.CallsTo(FakeTeamsOperation.Token));
        Assert.Single(harness.Teams.ActivityCalls.Select(call => call.BearerToken).Distinct());
    }

    [Theory]
    [InlineData(201, "{}")]
    [InlineData(200, "")]
    [InlineData(202, "accepted")]
    public async Task Send_AnsweredWithoutAnId_ReturnsAnEmptyId(int status, string body)
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.RespondNext(status, body);

        Assert.Equal("", await harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("split"), None));
    }

    [Fact]
    public async Task UntrustedServiceUrl_IsRefused_WithoutAnyCall()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(trust: false);

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), None));

        Assert.Equal((0, "untrusted_service_url"), (error.Status, error.Code));
        Assert.Equal($"Refused to send to Teams at '{harness.ServiceUrl}': that service URL did not come with an authenticated activity.", error.Message);
        Assert.Empty(harness.Teams.Calls);
        Assert.Contains(harness.Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.StartsWith("Refused to send to Teams at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrustedServiceUrl_MatchesWhateverTheTrailingSlashAndTheCaseOfSchemeAndHost()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(trust: false);
        harness.Trusted.Trust(harness.ServiceUrl.TrimEnd('/').Replace("http://", "HTTP://", StringComparison.Ordinal));

        await harness.Connector.UpdateAsync(harness.ServiceUrl, "a:1", "1", TeamsConnectorHarness.Message("hi"), None);

        Assert.Single(harness.Teams.ActivityCalls);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/amer/")]
    [InlineData("amer/")]
    [InlineData("")]
    public async Task ServiceUrlThatIsNotHttp_IsRefused(string serviceUrl)
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.ReplyAsync(serviceUrl, "a:1", "1", TeamsConnectorHarness.Message("hi"), None));

        Assert.Equal("invalid_service_url", error.Code);
        Assert.Empty(harness.Teams.Calls);
    }

    [Fact]
    public async Task AllowUnauthenticated_WithoutAPassword_SendsNoAuthorizationHeader()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options =>
        {
            options.AppId = null;
            options.AppPassword = null;
            options.AllowUnauthenticated = true;
        });

        await harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), None);

        Assert.Null(Assert.Single(harness.Teams.Calls).Authorization);
    }

    [Fact]
    public async Task TokenFailure_StopsTheCall_WithTheTokenError()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.ClientSecret = "rotated";

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(
            () => harness.Connector.SendAsync(harness.ServiceUrl, "a:1", TeamsConnectorHarness.Message("hi"), None));

        Assert.Equal("invalid_client", error.Code);
        Assert.Empty(harness.Teams.ActivityCalls);
    }
}
