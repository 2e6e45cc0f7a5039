using System.Net;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams;

/// <summary>The whole bot over the Bot Framework protocol: real signed tokens in, a loopback connector out.</summary>
public sealed class TeamsEndToEndTests
{
    [Fact]
    public async Task Deploy_PostsAStatusCard_AndAnswersInItsThread()
    {
        await using var host = await TeamsBotHost.StartAsync();

        using var ack = await host.SayAsync("deploy checkout v2.0.0");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var card = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Send, c => c.Json?["attachments"] is not null);
        Assert.Equal(TeamsBotHost.Conversation, card.ConversationId);
        Assert.NotNull(card.BearerToken);
        var content = TeamsBotHost.CardOf(card);
        Assert.Equal(("AdaptiveCard", "1.5"), ((string?)content["type"], (string?)content["version"]));
        Assert.Contains("Version: v1.0.0 → v2.0.0", TeamsBotHost.Facts(content));
        Assert.Contains("Started by: Alice (teams:aad-alice)", TeamsBotHost.Facts(content));
        var next = TeamsBotHost.Action(content, "promote-next");
        Assert.Equal("Action.Submit", (string?)next["fallback"]!["type"]);
        Assert.Equal("destructive", (string?)TeamsBotHost.Action(content, "rollback")["style"]);

        var cardId = await CardIdAsync(host);
        var accepted = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.ActivityId == cardId && c.Text!.Contains("Accepted", StringComparison.Ordinal));
        Assert.StartsWith("**Alice**: `deploy checkout v2.0.0` — Accepted: release ", accepted.Text, StringComparison.Ordinal);
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.ActivityId == cardId && c.Text!.StartsWith("✅ checkout v2.0.0 is deployed", StringComparison.Ordinal));
        var update = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Update, c => c.ActivityId == cardId
            && TeamsBotHost.Facts(TeamsBotHost.CardOf(c)).Contains("State: running as a canary"));
        Assert.Contains("Traffic: 0% to the canary", TeamsBotHost.Facts(TeamsBotHost.CardOf(update)));
    }

    [Fact]
    public async Task ActionExecute_PromotesAsTheClicker_AndAnswersWithTheRefreshedCard()
    {
        await using var host = await TeamsBotHost.StartAsync();
        using var deploy = await host.SayAsync("deploy checkout v2.0.0");
        var cardId = await CardIdAsync(host);
        var ready = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Update, c => TeamsBotHost.Facts(TeamsBotHost.CardOf(c)).Contains("State: running as a canary"));

        using var click = await host.ExecuteAsync(TeamsBotHost.Action(TeamsBotHost.CardOf(ready), "promote-next"), cardId, user: "bob");

        var answer = JsonNode.Parse(await click.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal((200, "application/vnd.microsoft.card.adaptive"), ((int?)answer["statusCode"], (string?)answer["type"]));
        Assert.Contains("Traffic: 0% to the canary (requested 5%)", TeamsBotHost.Facts(answer["value"]!.AsObject()));
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.ActivityId == cardId && c.Text!.StartsWith("**Bob**: `promote checkout next` — Accepted", StringComparison.Ordinal));
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Text == "✅ checkout canary v2.0.0 now serves requested 5%, effective 25% (1 of 4 pods).");
    }

    [Fact]
    public async Task OldCard_IsRefusedToTheClicker_AndSubmitFallbackActsLikeTyping()
    {
        await using var host = await TeamsBotHost.StartAsync();
        using var deploy = await host.SayAsync("deploy checkout v2.0.0");
        var cardId = await CardIdAsync(host);
        var first = TeamsBotHost.CardOf(await host.Teams.WaitForCallAsync(FakeTeamsOperation.Send, c => c.Json?["attachments"] is not null));
        var ready = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Update, c => TeamsBotHost.Facts(TeamsBotHost.CardOf(c)).Contains("State: running as a canary"));

        using var stale = await host.ExecuteAsync(TeamsBotHost.Action(first, "pause"), cardId);
        using var submit = await host.SubmitAsync(TeamsBotHost.Action(TeamsBotHost.CardOf(ready), "rollback")["fallback"]!["data"]!.AsObject(), cardId, user: "carol");

        var refusal = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)refusal["type"]);
        Assert.StartsWith("⛔ That card is out of date", (string?)refusal["value"], StringComparison.Ordinal);
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.ActivityId == cardId && c.Text!.StartsWith("**Carol**: `rollback checkout` — Accepted", StringComparison.Ordinal));
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Text!.StartsWith("✅ checkout is back on v1.0.0", StringComparison.Ordinal));
        Assert.Null(host.Bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
    }

    [Fact]
    public async Task RequestsWithoutAValidToken_Get401_AreAudited_AndDoNothing()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var foreign = host.Identity.CreateToken("someone-elses-app", host.Teams.ServiceUrl.ToString());

        using var wrongAudience = await host.SayAsync("rollback checkout", token: foreign);
        using var none = await host.Http.PostAsync("/api/messages",
            new StringContent(host.Activity("message", "mallory", new JsonObject { ["text"] = "status" }).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        using var fine = await host.SayAsync("status checkout");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrongAudience.StatusCode, none.StatusCode));
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply);
        Assert.Single(host.Teams.ActivityCalls);
        var db = host.Bot.App.Services.GetRequiredService<LiteDbDatabase>();
        var refused = await db.RunAsync(d => d.GetCollection<LiteDbAuditLog.AuditDocument>(LiteDbDatabase.Audit).Find(e => e.Conversation == "teams").ToList(), default);
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Equal(AuditOutcome.Refused, e.Outcome));
    }

    [Fact]
    public async Task SameActivityTwice_IsActedOnOnce_AndInstallingGreetsOnce()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var added = host.Activity("conversationUpdate", "alice", new JsonObject
        {
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{TeamsBotHost.AppId}" }),
        });
        var status = host.Activity("message", "alice", new JsonObject { ["text"] = "status checkout" });

        using var a = await host.PostAsync(added);
        using var b = await host.PostAsync(added);
        using var c = await host.PostAsync(status);
        using var d = await host.PostAsync(status);

        var greeting = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Send);
        Assert.StartsWith("I run progressive releases. Commands:", greeting.Text, StringComparison.Ordinal);
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, r => r.ActivityId == (string?)status["id"]);
        await Task.Delay(300);
        Assert.Single(host.Teams.CallsTo(FakeTeamsOperation.Send));
        Assert.Single(host.Teams.CallsTo(FakeTeamsOperation.Reply));
    }

    private static async Task<string> CardIdAsync(TeamsBotHost host)
    {
        await host.Teams.WaitForCallAsync(FakeTeamsOperation.Send, c => c.Json?["attachments"] is not null);
        var store = host.Bot.App.Services.GetRequiredService<IReleaseStore>();
        for (var i = 0; i < 250; i++)
        {
            if ((await store.LatestAsync("checkout", default))?.CardId is { } id)
            {
                return id;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The release never recorded its card.");
    }
}
