using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams;

/// <summary>
/// Hundreds of malformed activities with a valid token on <c>/api/messages</c>, from viewers: every one is answered
/// with a 2xx or 4xx, nothing throws, every message the bot sends is escaped and readable, and the cluster stays as seeded.
/// </summary>
public sealed class TeamsHostileActivityTests
{
    public const int Seed = 9004;
    public const int Activities = 600;

    [Fact]
    public async Task MalformedActivities_Get2xxOr4xx_AndChangeNothing()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TeamsBotHost.StartAsync(HostileChat.Viewers("teams"), logs);
        await using var cluster = await HostileChat.WatchAsync(host.Bot);
        var payloads = new HostilePayloads(Seed);
        var statuses = new List<(int Status, string Body)>();
        var answers = new List<string>();

        for (var i = 0; i < Activities; i++)
        {
            var body = payloads.Json(Activity(host, i, HostilePayloads.Texts[i % HostilePayloads.Texts.Length]));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", host.Identity.CreateToken(TeamsBotHost.AppId, host.Teams.ServiceUrl.ToString()));
            using var response = await host.Http.SendAsync(request);
            statuses.Add(((int)response.StatusCode, body));
            if (JsonFieldsOf(await response.Content.ReadAsStringAsync()) is { } answer)
            {
                answers.Add(answer);
            }
        }

        await HostileChat.AssertHandledAsync(host.Bot, "teams", statuses, logs, cluster);
        var sent = host.Teams.ActivityCalls.Select(c => c.Text).OfType<string>().Concat(answers).ToList();
        Assert.True(sent.Count > 100, $"Only {sent.Count} answers were sent.");
        foreach (var text in sent)
        {
            HostileChat.AssertTeamsSafe(text);
        }
    }

    [Fact]
    public async Task HtmlAndALinkInAReason_ReachTeamsAsText()
    {
        await using var host = await TeamsBotHost.StartAsync();

        using var ack = await host.SayAsync("freeze checkout <script>x</script> [x](https://evil.example) `y`");

        var posted = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Text?.Contains("Frozen", StringComparison.Ordinal) == true);
        Assert.StartsWith("**Alice**: `freeze checkout <script>x</script> [x](https://evil.example) y` — Frozen: checkout until `unfreeze checkout` "
            + "(`<script>x</script> [x](https://evil.example) y`).", posted.Text, StringComparison.Ordinal);
        HostileChat.AssertTeamsSafe(posted.Text);
    }

    /// <summary>A typed message, a card's Action.Execute or Action.Submit, or the bot being added to a conversation.</summary>
    private static JsonObject Activity(TeamsBotHost host, int i, string text) => (i % 4) switch
    {
        0 => host.Activity("message", "alice", new JsonObject { ["text"] = $"<at>ChatOpsRelease</at> {text}" }),
        1 => host.Activity("invoke", "bob", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["replyToId"] = $"card-{i}",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "promote-next", ["data"] = Data(i, text) },
                ["trigger"] = "manual",
            },
        }),
        2 => host.Activity("message", "carol", new JsonObject { ["replyToId"] = $"card-{i}", ["value"] = Data(i, text) }),
        _ => host.Activity("conversationUpdate", "dave", new JsonObject
        {
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"28:{TeamsBotHost.AppId}" }),
            ["conversation"] = new JsonObject { ["id"] = $"19:room-{i}@thread.tacv2", ["conversationType"] = "channel", ["tenantId"] = "tenant-1" },
        }),
    };

    private static JsonObject Data(int i, string text) =>
        i % 3 == 0 ? new JsonObject { ["command"] = text } : new JsonObject { ["command"] = text, ["releaseId"] = $"r{i}", ["revision"] = i };

    /// <summary>The message text of an invoke's answer, when it has one.</summary>
    private static string? JsonFieldsOf(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject { } answer && (string?)answer["type"] == "application/vnd.microsoft.activity.message"
                ? (string?)answer["value"]
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
