using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>The whole bot in Socket Mode: commands arrive over a loopback WebSocket, answers go to a loopback Web API.</summary>
public sealed class SlackSocketModeEndToEndTests
{
    [Fact]
    public async Task SlashCommands_BeforeAndAfterARefresh_AreEachActedOnOnce()
    {
        await using var socket = await FakeSlackSocket.StartAsync();
        await using var host = await SlackBotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:Slack:SigningSecret"] = null,
            ["Chat:Slack:AppToken"] = "xapp-test-app-token",
        }, slack => slack.NextSocketUrl = socket.NewConnectionUrl);
        var first = await socket.WaitForConnectionAsync(1);

        var deploy = await first.SendSlashCommandAsync("deploy checkout v2.0.0", user: "U1", channel: "C1");
        await socket.WaitForAckAsync(deploy);
        var card = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Json?["blocks"] is not null);
        await first.SendDisconnectAsync("refresh_requested");
        var second = await socket.WaitForConnectionAsync(2);
        var status = await second.SendSlashCommandAsync("status checkout", user: "U2", channel: "C1");
        await socket.WaitForAckAsync(status);

        var answer = await host.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Field("user") == "U2");
        Assert.StartsWith("• checkout (shop, router replicas)", answer.Field("text"), StringComparison.Ordinal);
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("is deployed", StringComparison.Ordinal) == true);
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Json?["blocks"] is not null);
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Field("text")?.Contains("`deploy checkout v2.0.0` — Accepted", StringComparison.Ordinal) == true);
        Assert.Equal("C1", card.Field("channel"));
        Assert.Equal(2, host.Slack.CallsTo("apps.connections.open").Count);
        Assert.All(host.Slack.CallsTo("apps.connections.open"), c => Assert.Equal("xapp-test-app-token", c.BearerToken));
    }

    [Fact]
    public async Task SameEnvelopeRedelivered_IsActedOnOnce()
    {
        await using var socket = await FakeSlackSocket.StartAsync();
        await using var host = await SlackBotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:Slack:AppToken"] = "xapp-test-app-token",
        }, slack => slack.NextSocketUrl = socket.NewConnectionUrl);
        var connection = await socket.WaitForConnectionAsync(1);
        var mention = SlackPayloads.EventCallback(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> help", ["ts"] = "1700000001.000100", ["channel"] = "C1",
        });

        await socket.WaitForAckAsync(await connection.SendEventAsync(mention));
        await socket.WaitForAckAsync(await connection.SendEventAsync(mention));

        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == "1700000001.000100");
        await Task.Delay(300);
        Assert.Single(host.Slack.CallsTo("chat.postMessage"));
    }
}
