using System.Net;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>The whole bot over Slack's HTTP endpoints, against a loopback Slack Web API, asserting the calls it makes.</summary>
public sealed class SlackEndToEndTests
{
    [Fact]
    public async Task SlashDeploy_OpensAThreadWithAStatusCard_AndAnswersInIt()
    {
        await using var host = await SlackBotHost.StartAsync();

        using var ack = await host.CommandAsync("deploy checkout v2.0.0");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var card = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Json?["blocks"] is not null);
        Assert.Equal(("C1", null, SlackBotHost.BotToken), (card.Field("channel"), card.Field("thread_ts"), card.BearerToken));
        var blocks = card.Json!["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "context", "actions"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("Release checkout v2.0.0", (string?)blocks[0]!["text"]!["text"]);
        Assert.Contains("*Version*\nv1.0.0 → v2.0.0", SlackBotHost.Fields(card));
        Assert.Contains("*Started by*\nu1 (slack:U1)", SlackBotHost.Fields(card));
        Assert.Equal(["promote-next", "promote-full", "pause", "rollback"], SlackBotHost.Buttons(card).Select(b => (string?)b!["action_id"]));
        Assert.Equal("danger", (string?)SlackBotHost.Button(card, "rollback")["style"]);
        Assert.NotNull(SlackBotHost.Button(card, "rollback")["confirm"]);

        var ts = await CardTsAsync(host);
        var accepted = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == ts && c.Field("text")!.Contains("Accepted", StringComparison.Ordinal));
        Assert.StartsWith("<@U1> `deploy checkout v2.0.0` — Accepted: release ", accepted.Field("text"), StringComparison.Ordinal);
        var done = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == ts && c.Field("text")!.StartsWith(":white_check_mark:", StringComparison.Ordinal));
        Assert.Equal(":white_check_mark: checkout v2.0.0 is deployed as `checkout-canary` at 0% — no traffic yet. Next: `promote checkout &lt;N%&gt;` or `promote checkout next`.", done.Field("text"));
        var update = await host.Slack.WaitForCallAsync("chat.update", c => c.Field("ts") == ts && SlackBotHost.Fields(c).Contains("*State*\nrunning as a canary"));
        Assert.Equal("C1", update.Field("channel"));
        Assert.Contains("*Traffic*\n0% to the canary", SlackBotHost.Fields(update));
    }

    [Fact]
    public async Task ButtonClick_PromotesAsTheClicker_UpdatesTheCard_AndPostsTheResultInTheThread()
    {
        await using var host = await SlackBotHost.StartAsync();
        using var ack = await host.CommandAsync("deploy checkout v2.0.0");
        var ts = await CardTsAsync(host);
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == ts && c.Field("text")!.Contains("is deployed", StringComparison.Ordinal));
        var card = await host.Slack.WaitForCallAsync("chat.update", c => c.Field("ts") == ts && SlackBotHost.Fields(c).Contains("*State*\nrunning as a canary"));

        using var click = await host.ClickAsync(SlackBotHost.Button(card, "promote-next"), ts, user: "U2");

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var accepted = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == ts && c.Field("text")!.StartsWith("<@U2> `promote checkout next`", StringComparison.Ordinal));
        Assert.Contains("requested 5%, effective 25% (1 of 4 pods)", accepted.Field("text"), StringComparison.Ordinal);
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == ts && c.Field("text") == ":white_check_mark: checkout canary v2.0.0 now serves requested 5%, effective 25% (1 of 4 pods).");
        var moved = await host.Slack.WaitForCallAsync("chat.update", c => c.Field("ts") == ts && SlackBotHost.Fields(c).Contains("*Traffic*\n25% to the canary (requested 5%)")
            && SlackBotHost.Fields(c).Contains("*State*\nrunning as a canary"));
        Assert.Equal("Promote to 20%", (string?)SlackBotHost.Button(moved, "promote-next")["text"]!["text"]);
        Assert.Equal(1, (int?)host.Bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary")!["spec"]!["replicas"]);
    }

    [Fact]
    public async Task ButtonFromAnOldCard_IsRefusedOnlyToTheClicker()
    {
        await using var host = await SlackBotHost.StartAsync();
        using var ack = await host.CommandAsync("deploy checkout v2.0.0");
        var ts = await CardTsAsync(host);
        var first = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Json?["blocks"] is not null);
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == ts && c.Field("text")!.Contains("is deployed", StringComparison.Ordinal));

        using var click = await host.ClickAsync(SlackBotHost.Button(first, "pause"), ts, user: "U3");

        var refusal = await host.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Field("user") == "U3");
        Assert.Equal(("C1", ts), (refusal.Field("channel"), refusal.Field("thread_ts")));
        Assert.StartsWith(":no_entry: That card is out of date", refusal.Field("text"), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Slack.CallsTo("chat.postMessage"), c => c.Field("text")?.Contains("Paused", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task BadCommand_IsAnsweredOnlyToThePersonWhoTypedIt()
    {
        await using var host = await SlackBotHost.StartAsync();

        using var ack = await host.CommandAsync("promot canary 20%", user: "U7");

        var refusal = await host.Slack.WaitForCallAsync("chat.postEphemeral");
        Assert.Equal(("C1", "U7"), (refusal.Field("channel"), refusal.Field("user")));
        Assert.Equal(":no_entry: I don't know the verb `promot`. Did you mean `promote`? Say `help` to see the verbs.", refusal.Field("text"));
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task ForgedRequest_Gets401_IsAudited_AndDoesNothing()
    {
        await using var host = await SlackBotHost.StartAsync();

        using var forged = await host.PostAsync("/slack/commands", "command=%2Frelease&text=rollback+checkout&user_id=U9&channel_id=C1", "application/x-www-form-urlencoded", secret: "guessed");
        using var stale = await host.PostAsync("/slack/commands", "command=%2Frelease&text=status&user_id=U9&channel_id=C1", "application/x-www-form-urlencoded", at: DateTimeOffset.UtcNow.AddMinutes(-10));
        using var verified = await host.CommandAsync("status checkout");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (forged.StatusCode, stale.StatusCode));
        await host.Slack.WaitForCallAsync("chat.postEphemeral");
        Assert.Single(host.Slack.Calls);
        var db = host.Bot.App.Services.GetRequiredService<LiteDbDatabase>();
        var refused = await db.RunAsync(d => d.GetCollection<LiteDbAuditLog.AuditDocument>(LiteDbDatabase.Audit).Find(e => e.Actor.StartsWith("unverified")).ToList(), default);
        Assert.Equal(2, refused.Count);
        Assert.Contains(refused, e => e.Detail == "Refused: the signature does not match.");
        Assert.Contains(refused, e => e.Detail.StartsWith("Refused: the timestamp is 10 minutes away", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameEventDeliveredTwice_IsActedOnOnce()
    {
        await using var host = await SlackBotHost.StartAsync();
        var mention = new JsonObject
        {
            ["type"] = "event_callback", ["team_id"] = "T1", ["api_app_id"] = "A1", ["event_id"] = "Ev0001", ["event_time"] = 1700000000,
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> status checkout", ["ts"] = "1700000000.000200",
                ["channel"] = "C1", ["event_ts"] = "1700000000.000200",
            },
        };

        using var first = await host.EventAsync(mention);
        using var again = await host.EventAsync(mention, retry: 1);

        var answer = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") == "1700000000.000200");
        Assert.StartsWith("• checkout (shop, router replicas): stable v1.0.0 4/4 ready", answer.Field("text"), StringComparison.Ordinal);
        using var another = await host.EventAsync(new JsonObject
        {
            ["type"] = "event_callback", ["event_id"] = "Ev0002",
            ["event"] = new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["text"] = "help", ["ts"] = "1.2", ["channel"] = "D1" },
        });
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("channel") == "D1");
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Field("thread_ts") == "1700000000.000200");
    }

    [Fact]
    public async Task BotMessagesAndEdits_AreIgnored_AndUrlVerificationIsAnswered()
    {
        await using var host = await SlackBotHost.StartAsync();

        using var challenge = await host.EventAsync(new JsonObject { ["type"] = "url_verification", ["token"] = "t", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
        using var fromBot = await host.EventAsync(Message("Ev1", new JsonObject { ["bot_id"] = "B1" }));
        using var edited = await host.EventAsync(Message("Ev2", new JsonObject { ["subtype"] = "message_changed" }));
        using var dm = await host.EventAsync(Message("Ev3", []));

        Assert.Equal("""{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}""", await challenge.Content.ReadAsStringAsync());
        var answer = await host.Slack.WaitForCallAsync("chat.postMessage");
        Assert.Equal("D1", answer.Field("channel"));
        Assert.Single(host.Slack.Calls);
    }

    [Fact]
    public async Task BotNotInTheChannel_TellsThePersonThroughTheResponseUrl()
    {
        await using var host = await SlackBotHost.StartAsync();
        host.Slack.FailNext("chat.postEphemeral", "not_in_channel");

        using var ack = await host.CommandAsync("status checkout", user: "U5", responseUrl: host.Slack.ResponseUrl(5).ToString());

        var answer = await host.Slack.WaitForCallAsync(FakeSlack.ResponseMethod);
        Assert.Equal("/response/5", answer.Path);
        Assert.Null(answer.Authorization);
        Assert.Equal("ephemeral", answer.Field("response_type"));
        Assert.StartsWith(":warning: I couldn't answer in this conversation — Slack said `not_in_channel`. Invite me to the channel", answer.Field("text"), StringComparison.Ordinal);
        Assert.Contains("• checkout (shop, router replicas)", answer.Field("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedPost_IsRetriedAfterRetryAfter()
    {
        await using var host = await SlackBotHost.StartAsync();
        host.Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 1);

        using var ack = await host.CommandAsync("deploy checkout v2.0.0");

        var cards = await host.Slack.WaitForCallsAsync("chat.postMessage", 2, c => c.Json?["blocks"] is not null);
        Assert.True(cards[1].At - cards[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(cards[1].At - cards[0].At).TotalMilliseconds} ms");
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("thread_ts") is not null && c.Field("text")!.Contains("is deployed", StringComparison.Ordinal));
    }

    /// <summary>The ts the fake gave the card: the release records it once the card is posted.</summary>
    private static async Task<string> CardTsAsync(SlackBotHost host)
    {
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Json?["blocks"] is not null);
        var store = host.Bot.App.Services.GetRequiredService<IReleaseStore>();
        for (var i = 0; i < 250; i++)
        {
            if ((await store.LatestAsync("checkout", default))?.CardId is { } ts)
            {
                return ts;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The release never recorded its card.");
    }

    private static JsonObject Message(string eventId, JsonObject extra)
    {
        var message = new JsonObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["text"] = "help", ["ts"] = "1.1", ["channel"] = "D1" };
        foreach (var (key, value) in extra)
        {
            message[key] = value?.DeepClone();
        }

        return new JsonObject { ["type"] = "event_callback", ["event_id"] = eventId, ["event"] = message };
    }
}
