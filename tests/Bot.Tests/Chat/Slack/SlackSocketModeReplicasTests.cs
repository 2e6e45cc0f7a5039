using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Storage;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>Two replicas on one PostgreSQL database, each with its own Socket Mode connection: an envelope Slack sends to both is acted on once.</summary>
public sealed class SlackSocketModeReplicasTests : PostgresTest
{
    [Fact]
    public async Task TheSameEventOnBothReplicasConnections_IsAnsweredOnce()
    {
        await using var socket = await FakeSlackSocket.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Chat:Slack:AppToken"] = "xapp-test-app-token",
            ["Storage:Provider"] = "postgres",
            ["Storage:Postgres:ConnectionString"] = Storage.ConnectionString,
        };
        await using var a = await SlackBotHost.StartAsync(settings, slack => slack.NextSocketUrl = socket.NewConnectionUrl);
        await using var b = await SlackBotHost.StartAsync(settings, slack => slack.NextSocketUrl = socket.NewConnectionUrl);
        var first = await socket.WaitForConnectionAsync(1);
        var second = await socket.WaitForConnectionAsync(2);
        var mention = SlackPayloads.EventCallback(new JsonObject
        {
            ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> help", ["ts"] = "1700000001.000100", ["channel"] = "C1",
        });

        var envelopes = await Task.WhenAll(first.SendEventAsync(mention), second.SendEventAsync(mention, retryAttempt: 1));
        await Task.WhenAll(envelopes.Select(e => socket.WaitForAckAsync(e)));

        int Answers() => a.Slack.CallsTo("chat.postMessage").Count + b.Slack.CallsTo("chat.postMessage").Count;
        for (var i = 0; i < 400 && Answers() == 0; i++)
        {
            await Task.Delay(25);
        }

        await Task.Delay(500); // room for a second answer, were there one
        Assert.Equal(1, Answers());
    }
}
