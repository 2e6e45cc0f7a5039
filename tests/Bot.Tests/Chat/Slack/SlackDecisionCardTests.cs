using System.Net;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>Decision cards (approval requests, notices) in Slack: posted in the thread, answered by their buttons, redrawn once decided.</summary>
public sealed class SlackDecisionCardTests
{
    private const string Thread = "1699999999.000100";

    private static readonly ConversationRef InThread = new(SlackInbound.Platform, "C1", Thread);

    [Fact]
    public async Task DecisionCard_IsPostedInTheThread_WithButtonsThatCarryOnlyTheirCommand()
    {
        await using var host = await SlackBotHost.StartAsync();

        var ts = await Replies(host).PostCardAsync(InThread, DecisionCardSamples.Approval(), CancellationToken.None);

        var card = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Equal(("C1", Thread), (card.Field("channel"), card.Field("thread_ts")));
        Assert.Equal("Approve step full of checkout v2.4.0?", card.Field("text"));
        var blocks = card.Json!["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "context", "actions"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("Approve step full of checkout v2.4.0?", (string?)blocks[0]!["text"]!["text"]);
        Assert.Equal(["*Requested by*\nAlice", "*Step*\nfull: everyone"], SlackBotHost.Fields(card));
        Assert.Equal("Approval a1b2c3 · expires 14:30 UTC", (string?)blocks[2]!["elements"]![0]!["text"]);
        Assert.Equal(["approve", "reject"], SlackBotHost.Buttons(card).Select(b => (string?)b!["action_id"]));
        AssertJson("""{"c":"approve a1b2c3"}""", (string?)SlackBotHost.Button(card, "approve")["value"]);
        AssertJson("""{"c":"reject a1b2c3"}""", (string?)SlackBotHost.Button(card, "reject")["value"]);
        Assert.Equal("primary", (string?)SlackBotHost.Button(card, "approve")["style"]);
        Assert.Null(SlackBotHost.Button(card, "approve")["confirm"]);
        var reject = SlackBotHost.Button(card, "reject");
        Assert.Equal(("danger", "Reject step full of checkout?", "Reject"),
            ((string?)reject["style"], (string?)reject["confirm"]!["title"]!["text"], (string?)reject["confirm"]!["confirm"]!["text"]));
        Assert.Matches(@"^\d+\.\d{6}$", ts);
    }

    [Fact]
    public async Task DecidedCard_IsRedrawnInPlace_WithTheDecisionAndNoButtons()
    {
        await using var host = await SlackBotHost.StartAsync();
        var replies = Replies(host);
        var ts = await replies.PostCardAsync(InThread, DecisionCardSamples.Approval(), CancellationToken.None);
        var other = await replies.PostCardAsync(InThread, DecisionCardSamples.Status(), CancellationToken.None);

        await replies.UpdateCardAsync(InThread, ts!, DecisionCardSamples.Approved(), CancellationToken.None);

        Assert.NotEqual(ts, other);
        var update = Assert.Single(host.Slack.CallsTo("chat.update"));
        Assert.Equal(("C1", ts, null), (update.Field("channel"), update.Field("ts"), update.Field("thread_ts")));
        var blocks = update.Json!["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("Approved by Bob at 14:02 UTC", (string?)blocks[2]!["elements"]![0]!["text"]);
        Assert.Equal("Approve step full of checkout v2.4.0? — Approved by Bob at 14:02 UTC", update.Field("text"));
    }

    [Fact]
    public async Task ClickOnADecisionCardButton_RunsItsCommandAsTheClicker_WithoutACardGuard_AndAnswersInTheThread()
    {
        await using var host = await SlackBotHost.StartAsync();
        var ts = await Replies(host).PostCardAsync(InThread, DecisionCardSamples.Status(), CancellationToken.None);
        var card = await host.Slack.WaitForCallAsync("chat.postMessage");
        var button = SlackBotHost.Button(card, "status");

        using var click = await ClickInThreadAsync(host, button, ts!, user: "U4");

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        // A card guard without a release would have been refused ("a release I don't know"), only to the clicker.
        var answer = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == Thread && c.Json?["blocks"] is null);
        Assert.Equal("C1", answer.Field("channel"));
        Assert.StartsWith("• checkout (shop, router replicas): stable v1.0.0 4/4 ready", answer.Field("text"), StringComparison.Ordinal);
        Assert.Empty(host.Slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public void ButtonValue_OfAReleaseCard_KeepsItsGuard_AndOfADecisionCard_HasNone()
    {
        var release = SlackBlocks.ButtonValue.Parse("""{"r":"rel-1","v":7,"c":"pause checkout"}""");
        var decision = SlackBlocks.ButtonValue.Parse("""{"c":"veto s1b2c3"}""");

        Assert.Equal(("pause checkout", new CardGuard("rel-1", 7)), (release!.C, release.Guard));
        Assert.Equal(("veto s1b2c3", null), (decision!.C, decision.Guard));
        Assert.Equal("""{"r":"rel-1","v":7,"c":"pause checkout"}""", release.ToString());
        Assert.Null(SlackBlocks.ButtonValue.Parse("""{"r":"rel-1","v":7}"""));
        Assert.Null(SlackBlocks.ButtonValue.Parse("not json"));
    }

    private static IChatReplies Replies(SlackBotHost host) =>
        host.Bot.App.Services.GetServices<IChatReplies>().Single(r => r.Platform == SlackInbound.Platform);

    /// <summary>A click on a card that is a reply in <see cref="Thread"/>, as Slack sends it (the container names the thread), signed.</summary>
    private static Task<HttpResponseMessage> ClickInThreadAsync(SlackBotHost host, JsonObject button, string cardTs, string user)
    {
        var payload = SlackPayloads.BlockActions((string)button["action_id"]!, (string)button["value"]!, user, "C1", cardTs);
        payload["container"]!["thread_ts"] = Thread;
        payload["message"]!["thread_ts"] = Thread;
        return host.PostAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");
    }

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual is null ? null : JsonNode.Parse(actual)), $"Expected {expected} but got {actual}");
}
