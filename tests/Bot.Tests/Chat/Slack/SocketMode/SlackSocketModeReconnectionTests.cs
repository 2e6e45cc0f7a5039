using System.Net.WebSockets;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.SocketMode;

/// <summary>Keeping a connection: refreshes, Slack turning Socket Mode off, lost and refused connections.</summary>
public sealed class SlackSocketModeReconnectionTests
{
    private static readonly TimeSpan Prompt = SocketModeHarness.Prompt;

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task Disconnect_AskingForANewConnection_OpensItBeforeClosingTheOld_AndHandlesEachCommandOnce(string reason)
    {
        await using var h = await SocketModeHarness.StartAsync();
        var inHand = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Api.BeforeOpen = call => call == 2 ? inHand.Task : Task.CompletedTask;
        h.Inbound.Answer = async (delivery, _) =>
        {
            if (delivery.Text == "during")
            {
                await mayFinish.Task;
            }

            return SlackAck.Empty;
        };
        var first = await h.Slack.WaitForConnectionAsync(1);
        var before = await first.SendSlashCommandAsync("before");
        await first.WaitForAckAsync(before, Prompt);

        await first.SendDisconnectAsync(reason);
        var during = await first.SendSlashCommandAsync("during");
        await h.Inbound.WaitForCommandAsync("during");
        inHand.SetResult();
        var second = await h.Slack.WaitForConnectionAsync(2);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        Assert.Null(first.ClientCloseStatus);
        mayFinish.SetResult();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.WaitForClientCloseAsync());
        var after = await second.SendSlashCommandAsync("after");
        await second.WaitForAckAsync(after, Prompt);

        Assert.Equal(2, h.Api.OpenCalls);
        Assert.All(new[] { before, during, after }, id => Assert.Single(h.Slack.AcksFor(id)));
        Assert.Single(first.AcksFor(during));
        Assert.Equal(["after", "before", "during"], h.Inbound.CommandTexts.Order());
        var timeline = h.Slack.Timeline.ToList();
        Assert.True(
            timeline.IndexOf("connection 2 accepted") < timeline.IndexOf("connection 1 closed by client"),
            string.Join(", ", timeline));
        Assert.True(second.IsOpen);
        await h.Logger.WaitForAsync(LogLevel.Information, "switched from connection 1 to connection 2");
        Assert.DoesNotContain(h.Logger.Entries, e => e.Level >= LogLevel.Warning || e.Message.Contains("did not close cleanly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Envelope_ArrivingAfterTheClientAskedToClose_IsLeftForSlackToDeliverAgainOnTheNewConnection()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);
        first.AnswerCloseAtOnce = false;
        await first.SendDisconnectAsync("refresh_requested");
        var second = await h.Slack.WaitForConnectionAsync(2);
        await first.WaitForClientCloseAsync();

        var payload = SlackPayloads.SlashCommand("late", "U0ALICE", "C0SHOP");
        var late = await first.SendEnvelopeAsync("slash_commands", payload, acceptsResponsePayload: true);
        await h.Logger.WaitForAsync(LogLevel.Debug, $"{late} arrived while connection 1 was closing");
        await first.CloseAsync();
        await first.Ended.WaitAsync(FakeSlackSocket.DefaultWait, TimeProvider.System);
        Assert.Empty(h.Inbound.Deliveries);
        Assert.Empty(first.AcksFor(late));

        await second.SendEnvelopeAsync("slash_commands", payload, acceptsResponsePayload: true, envelopeId: late);

        await second.WaitForAckAsync(late, Prompt);
        Assert.Equal(["late"], h.Inbound.CommandTexts);
    }

    [Fact]
    public async Task LinkDisabled_StopsForGood_WithAWarning()
    {
        await using var h = await SocketModeHarness.StartAsync(reconnectDelay: TimeSpan.FromMilliseconds(50));
        var first = await h.Slack.WaitForConnectionAsync(1);

        await first.SendDisconnectAsync("link_disabled");

        await h.Logger.WaitForAsync(LogLevel.Warning, "Socket Mode was turned off in the Slack app settings; not reconnecting");
        await first.WaitForClientCloseAsync();
        await h.Service.ExecuteTask!.WaitAsync(FakeSlackSocket.DefaultWait, TimeProvider.System);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        Assert.Equal(1, h.Api.OpenCalls);
        Assert.Single(h.Slack.Connections);
    }

    [Fact]
    public async Task AbruptClose_ReconnectsAfterReconnectDelay()
    {
        var time = new FakeTimeProvider();
        var delay = TimeSpan.FromSeconds(5);
        await using var h = await SocketModeHarness.StartAsync(reconnectDelay: delay, time: time);
        var first = await h.Slack.WaitForConnectionAsync(1);
        await first.WaitForAckAsync(await first.SendSlashCommandAsync("status"), Prompt);

        first.Abort();

        await h.Logger.WaitForAsync(LogLevel.Warning, "Socket Mode connection 1 ended");
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        Assert.Equal(1, h.Api.OpenCalls);
        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        Assert.Equal(1, h.Api.OpenCalls);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await h.Slack.WaitForConnectionAsync(2);
        await second.WaitForAckAsync(await second.SendSlashCommandAsync("status again"), Prompt);
        Assert.Equal(["status", "status again"], h.Inbound.CommandTexts);
    }

    [Fact]
    public async Task ClosedBySlack_IsAnsweredAndReconnected()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);

        await first.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "going away");

        await first.Ended.WaitAsync(FakeSlackSocket.DefaultWait, TimeProvider.System);
        Assert.NotNull(first.ClientCloseStatus);
        var second = await h.Slack.WaitForConnectionAsync(2);
        await second.WaitForAckAsync(await h.Slack.SendSlashCommandAsync("status"), Prompt);
    }

    [Fact]
    public async Task Disconnect_WithAnUnknownReason_ClosesAndReconnects()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);

        await first.SendDisconnectAsync("too_many_websockets");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.WaitForClientCloseAsync());
        var second = await h.Slack.WaitForConnectionAsync(2);
        await second.WaitForAckAsync(await second.SendSlashCommandAsync("status"), Prompt);
        Assert.Equal(2, h.Api.OpenCalls);
    }

    [Fact]
    public async Task OpeningFails_IsLoggedAndRetriedAfterReconnectDelay()
    {
        await using var h = await SocketModeHarness.StartAsync(start: false);
        h.Api.BeforeOpen = call => call == 1
            ? throw new SlackApiException("apps.connections.open", "ratelimited", "apps.connections.open failed: ratelimited")
            : Task.CompletedTask;

        await h.StartServiceAsync();

        var warning = await h.Logger.WaitForAsync(LogLevel.Warning, "Could not open Socket Mode connection 1");
        Assert.IsType<SlackApiException>(warning.Exception);
        var connection = await h.Slack.WaitForConnectionAsync(1);
        Assert.Equal(2, h.Api.OpenCalls);
        await connection.WaitForAckAsync(await connection.SendSlashCommandAsync("status"), Prompt);
    }

    [Fact]
    public async Task Stopping_WhileWaitingToReconnect_EndsAtOnce()
    {
        await using var h = await SocketModeHarness.StartAsync(reconnectDelay: TimeSpan.FromMinutes(10));
        var first = await h.Slack.WaitForConnectionAsync(1);
        first.Abort();

        // Dropped before or after the hello, the connection is retried after the same delay ("retrying in" / "reconnecting in").
        await h.Logger.WaitForAsync(LogLevel.Warning, "in 00:10:00");
        await h.StopServiceAsync();

        Assert.True(h.Service.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(1, h.Api.OpenCalls);
        Assert.DoesNotContain(h.Logger.Entries, e => e.Level >= LogLevel.Error);
    }
}
