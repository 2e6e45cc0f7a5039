using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack.SocketMode;

public sealed class SlackSocketModeServiceTests
{
    private static readonly TimeSpan Prompt = SocketModeHarness.Prompt;

    [Fact]
    public async Task SlashCommand_AfterHello_ReachesCommandAsyncAndIsAckedWithItsEnvelopeId()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);
        await h.Logger.WaitForAsync(LogLevel.Information, "is ready (app A0FAKEAPP");

        var id = await first.SendSlashCommandAsync("deploy checkout v2.4.0", user: "U0ALICE", channel: "C0SHOP");

        var ack = await first.WaitForAckAsync(id, Prompt);
        Assert.Equal($$"""{"envelope_id":"{{id}}"}""", ack.ToJsonString());
        var fields = Assert.Single(h.Inbound.Deliveries, d => d.Method == "CommandAsync").Fields!;
        Assert.Equal("deploy checkout v2.4.0", fields["text"]);
        Assert.Equal("/release", fields["command"]);
        Assert.Equal("U0ALICE", fields["user_id"]);
        Assert.Equal("C0SHOP", fields["channel_id"]);
        Assert.Equal(SlackPayloads.TeamId, fields["team_id"]);
        Assert.Equal("false", fields["is_enterprise_install"]);
        Assert.StartsWith("https://hooks.slack.com/commands/", fields["response_url"], StringComparison.Ordinal);
        Assert.All(new[] { "token", "team_domain", "channel_name", "user_name", "api_app_id", "trigger_id" }, name => Assert.NotEmpty(fields[name]));
    }

    [Fact]
    public async Task SlashCommand_WhenResponsePayloadAcceptedAndInboundAnswersWithBody_IsAckedWithThatPayload()
    {
        await using var h = await SocketModeHarness.StartAsync();
        h.Inbound.Answer = (_, _) => Task.FromResult(new SlackAck(Body: new JsonObject { ["response_type"] = "ephemeral", ["text"] = "Deploying checkout v2.4.0" }));
        var first = await h.Slack.WaitForConnectionAsync(1);

        var id = await first.SendSlashCommandAsync("deploy checkout v2.4.0", acceptsResponsePayload: true);

        var ack = await first.WaitForAckAsync(id, Prompt);
        Assert.Equal(id, (string?)ack["envelope_id"]);
        Assert.Equal("Deploying checkout v2.4.0", (string?)ack["payload"]?["text"]);
        Assert.Equal("ephemeral", (string?)ack["payload"]?["response_type"]);
    }

    [Fact]
    public async Task SlashCommand_WhenResponsePayloadNotAccepted_IsAckedWithoutPayload()
    {
        await using var h = await SocketModeHarness.StartAsync();
        h.Inbound.Answer = (_, _) => Task.FromResult(new SlackAck(Body: new JsonObject { ["text"] = "ignored" }));
        var first = await h.Slack.WaitForConnectionAsync(1);

        var id = await first.SendSlashCommandAsync("status", acceptsResponsePayload: false);

        var ack = await first.WaitForAckAsync(id, Prompt);
        Assert.Null(ack["payload"]);
    }

    [Fact]
    public async Task EventsApiEnvelope_ReachesEventAsyncWithTheEventCallback()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);

        var id = await first.SendEventAsync(new JsonObject { ["type"] = "app_mention", ["user"] = "U0ALICE", ["text"] = "<@U0FAKEBOT> status", ["channel"] = "C0SHOP", ["ts"] = "1700000000.000100" });

        await first.WaitForAckAsync(id, Prompt);
        var delivery = Assert.Single(h.Inbound.Deliveries);
        Assert.Equal("EventAsync", delivery.Method);
        Assert.Equal("event_callback", (string?)delivery.Payload!["type"]);
        Assert.Equal("app_mention", (string?)delivery.Payload["event"]?["type"]);
        Assert.StartsWith("Ev", (string?)delivery.Payload["event_id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractiveEnvelope_ReachesInteractionAsyncWithThePayload()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);

        var id = await h.Slack.SendInteractiveAsync(SlackPayloads.BlockActions("approve", "release-42", "U0BOB", "C0SHOP", "1700000000.000200"));

        await first.WaitForAckAsync(id, Prompt);
        var delivery = Assert.Single(h.Inbound.Deliveries);
        Assert.Equal("InteractionAsync", delivery.Method);
        Assert.Equal("block_actions", (string?)delivery.Payload!["type"]);
        Assert.Equal("approve", (string?)delivery.Payload["actions"]?[0]?["action_id"]);
    }

    [Fact]
    public async Task Envelope_WhenInboundThrows_IsStillAckedWithoutPayload_AndTheFailureIsLogged()
    {
        await using var h = await SocketModeHarness.StartAsync();
        h.Inbound.Answer = (_, _) => throw new InvalidOperationException("store unavailable");
        var first = await h.Slack.WaitForConnectionAsync(1);

        var id = await first.SendSlashCommandAsync("deploy checkout v2.4.0");

        var ack = await first.WaitForAckAsync(id, Prompt);
        Assert.Null(ack["payload"]);
        var error = await h.Logger.WaitForAsync(LogLevel.Error, id);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task Frame_SentInSeveralFragments_IsJoinedBeforeHandling()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);

        var id = await first.SendEnvelopeAsync("slash_commands", SlackPayloads.SlashCommand("history checkout", "U0ALICE", "C0SHOP"), acceptsResponsePayload: true, fragments: 7);

        await first.WaitForAckAsync(id, Prompt);
        Assert.Equal(["history checkout"], h.Inbound.CommandTexts);
    }

    [Fact]
    public async Task UnknownAndMalformedFrames_AreIgnored_AndLaterEnvelopesStillHandled()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);

        await first.SendFrameAsync(new JsonObject { ["type"] = "something_new", ["detail"] = 1 });
        await first.SendTextAsync("not json at all");
        var id = await first.SendSlashCommandAsync("status");

        await first.WaitForAckAsync(id, Prompt);
        Assert.Equal(["status"], h.Inbound.CommandTexts);
        await h.Logger.WaitForAsync(LogLevel.Debug, "Ignoring a Socket Mode frame of type something_new");
        Assert.Single(first.Received);
        Assert.True(first.IsOpen);
    }

    [Fact]
    public async Task SeveralEnvelopesAtOnce_AreAllAckedPromptly_WhileOneInboundCallIsStillRunning()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Inbound.Answer = async (delivery, _) =>
        {
            if (delivery.Text == "slow")
            {
                await release.Task;
            }

            return SlackAck.Empty;
        };
        var first = await h.Slack.WaitForConnectionAsync(1);

        var slow = await first.SendSlashCommandAsync("slow");
        var others = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            others.Add(await first.SendSlashCommandAsync($"status {i}"));
        }

        foreach (var id in others)
        {
            await first.WaitForAckAsync(id, Prompt);
        }

        Assert.Empty(first.AcksFor(slow));
        release.SetResult();
        await first.WaitForAckAsync(slow, Prompt);
        Assert.Equal(6, first.Received.Count);
    }

    [Fact]
    public async Task Stopping_ClosesTheSocketGracefully_WithoutErrors()
    {
        await using var h = await SocketModeHarness.StartAsync();
        var first = await h.Slack.WaitForConnectionAsync(1);
        await first.WaitForAckAsync(await first.SendSlashCommandAsync("status"), Prompt);

        await h.StopServiceAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.WaitForClientCloseAsync());
        await first.Ended.WaitAsync(FakeSlackSocket.DefaultWait, TimeProvider.System);
        Assert.True(h.Service.ExecuteTask!.IsCompletedSuccessfully);
        Assert.DoesNotContain(h.Logger.Entries, e => e.Level >= LogLevel.Warning || e.Message.Contains("did not close cleanly", StringComparison.Ordinal));
        Assert.Equal(1, h.Api.OpenCalls);
    }

    [Fact]
    public async Task Stopping_WhileAnInboundCallRuns_CancelsIt_LeavesTheEnvelopeUnacknowledged_AndLogsNoError()
    {
        await using var h = await SocketModeHarness.StartAsync();
        h.Inbound.Answer = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            return SlackAck.Empty;
        };
        var first = await h.Slack.WaitForConnectionAsync(1);
        var id = await first.SendSlashCommandAsync("deploy checkout v2.4.0");
        await h.Inbound.WaitForCommandAsync("deploy checkout v2.4.0");

        await h.StopServiceAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await first.WaitForClientCloseAsync());
        Assert.Empty(first.AcksFor(id));
        Assert.DoesNotContain(h.Logger.Entries, e => e.Level >= LogLevel.Error);
        Assert.True(h.Service.ExecuteTask!.IsCompletedSuccessfully);
    }
}
