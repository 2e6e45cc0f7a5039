using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams;

/// <summary>Decision cards (approval requests, notices) in Teams: an Adaptive Card reply in the thread, answered by its buttons, replaced once decided.</summary>
public sealed class TeamsDecisionCardTests
{
    [Fact]
    public async Task DecisionCard_IsAnAdaptiveCardReplyInTheThread_WhoseButtonsCarryOnlyTheirCommand()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var thread = await KnownConversationAsync(host);

        var id = await Replies(host).PostCardAsync(thread, DecisionCardSamples.Approval(), CancellationToken.None);

        var posted = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Json?["attachments"] is not null);
        Assert.Equal((TeamsBotHost.Conversation, thread.Thread), (posted.ConversationId, posted.ActivityId));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)posted.Json!["attachments"]![0]!["contentType"]);
        var card = TeamsBotHost.CardOf(posted);
        Assert.Equal(("AdaptiveCard", "1.5"), ((string?)card["type"], (string?)card["version"]));
        var body = card["body"]!.AsArray();
        Assert.Equal("Approve step full of checkout v2.4.0?", (string?)body[0]!["text"]);
        Assert.Equal(["Requested by: Alice", "Step: full: everyone"], TeamsBotHost.Facts(card));
        Assert.Equal("Approval a1b2c3 · expires 14:30 UTC", (string?)body[2]!["text"]);
        var approve = TeamsBotHost.Action(card, "approve");
        Assert.Equal(("Action.Execute", "positive"), ((string?)approve["type"], (string?)approve["style"]));
        AssertJson("""{"command":"approve a1b2c3"}""", approve["data"]);
        Assert.Equal("Action.Submit", (string?)approve["fallback"]!["type"]);
        AssertJson("""{"command":"approve a1b2c3"}""", approve["fallback"]!["data"]);
        var confirm = card["actions"]!.AsArray().Single(a => (string?)a!["title"] == "Reject…")!;
        Assert.Equal("Action.ShowCard", (string?)confirm["type"]);
        Assert.Equal(DecisionCardSamples.RejectConfirm.Title, (string?)confirm["card"]!["body"]![0]!["text"]);
        var reject = TeamsBotHost.Action(card, "reject");
        Assert.Equal(("Reject", "destructive"), ((string?)reject["title"], (string?)reject["style"]));
        AssertJson("""{"command":"reject a1b2c3"}""", reject["data"]);
        Assert.NotNull(id);
        Assert.Empty(host.Teams.CallsTo(FakeTeamsOperation.Send));
    }

    [Fact]
    public async Task DecidedCard_ReplacesTheActivity_WithTheDecisionAndNoButtons()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var thread = await KnownConversationAsync(host);
        var replies = Replies(host);
        var id = await replies.PostCardAsync(thread, DecisionCardSamples.Approval(), CancellationToken.None);

        await replies.UpdateCardAsync(thread, id!, DecisionCardSamples.Approved(), CancellationToken.None);

        var update = Assert.Single(host.Teams.CallsTo(FakeTeamsOperation.Update));
        Assert.Equal((TeamsBotHost.Conversation, id, id), (update.ConversationId, update.ActivityId, update.Field("id")));
        var card = TeamsBotHost.CardOf(update);
        Assert.Empty(card["actions"]!.AsArray());
        Assert.Equal("Approved by Bob at 14:02 UTC", (string?)card["body"]![2]!["text"]);
        Assert.Equal(["Requested by: Alice", "Step: full: everyone"], TeamsBotHost.Facts(card));
    }

    [Fact]
    public async Task ExecuteOnADecisionCard_RunsItsCommandWithoutACardGuard_AndAnswersWithAMessage()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var (id, card) = await PostStatusCardAsync(host);

        using var click = await host.ExecuteAsync(TeamsBotHost.Action(card, "status"), id, user: "bob");

        // A card guard without a release would have been refused ("a release I don't know"); no release card is sent back.
        var answer = JsonNode.Parse(await click.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal((200, "application/vnd.microsoft.activity.message"), ((int?)answer["statusCode"], (string?)answer["type"]));
        Assert.StartsWith("• checkout (shop, router replicas): stable v1.0.0 4/4 ready", (string?)answer["value"], StringComparison.Ordinal);
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.ActivityId == id && c.Text?.StartsWith("• checkout (shop", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SubmitFallbackOnADecisionCard_ActsLikeTypingTheCommand()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var (id, card) = await PostStatusCardAsync(host);

        using var submit = await host.SubmitAsync(TeamsBotHost.Action(card, "status")["fallback"]!["data"]!.AsObject(), id, user: "carol");

        var answer = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.ActivityId == id);
        Assert.StartsWith("• checkout (shop, router replicas): stable v1.0.0 4/4 ready", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadButton_TakesACommandAlone_OrWithBothReleaseAndRevision()
    {
        var decision = TeamsExecute.ReadButton(JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"veto","data":{"command":"veto s1b2c3"}}}"""));
        var release = TeamsExecute.ReadButton(JsonNode.Parse("""{"command":"pause checkout","releaseId":"rel-1","revision":4}"""));

        Assert.Equal(new TeamsExecute.Button("veto s1b2c3", null), decision);
        Assert.Equal(new TeamsExecute.Button("pause checkout", new CardGuard("rel-1", 4)), release);
        Assert.Null(TeamsExecute.ReadButton(JsonNode.Parse("""{"command":"pause checkout","releaseId":"rel-1"}""")));
        Assert.Null(TeamsExecute.ReadButton(JsonNode.Parse("""{"command":"pause checkout","revision":4}""")));
        Assert.Null(TeamsExecute.ReadButton(JsonNode.Parse("""{"releaseId":"rel-1","revision":4}""")));
        Assert.Null(TeamsExecute.ReadButton(null));
    }

    private static IChatReplies Replies(TeamsBotHost host) =>
        host.Bot.App.Services.GetServices<IChatReplies>().Single(r => r.Platform == TeamsActivity.Platform);

    /// <summary>Someone speaks in the channel first (so the bot knows where to post); the card goes in that message's thread.</summary>
    private static async Task<ConversationRef> KnownConversationAsync(TeamsBotHost host)
    {
        using var said = await host.SayAsync("help");
        var answer = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply);
        return new ConversationRef(TeamsActivity.Platform, TeamsBotHost.Conversation, answer.ActivityId);
    }

    /// <summary>A card whose button is <c>status checkout</c>, posted in a thread: its activity id and the card as sent.</summary>
    private static async Task<(string Id, JsonObject Card)> PostStatusCardAsync(TeamsBotHost host)
    {
        var id = await Replies(host).PostCardAsync(await KnownConversationAsync(host), DecisionCardSamples.Status(), CancellationToken.None);
        var posted = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Json?["attachments"] is not null);
        return (id!, TeamsBotHost.CardOf(posted));
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected} but got {actual?.ToJsonString()}");
}
