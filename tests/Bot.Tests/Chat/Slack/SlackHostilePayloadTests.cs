using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>
/// Hundreds of malformed but correctly signed bodies on each Slack endpoint, from viewers: every one is answered with
/// a 2xx or 4xx, nothing throws, every message the bot sends is escaped and readable, and the cluster stays as seeded.
/// </summary>
public sealed class SlackHostilePayloadTests
{
    public const int Seed = 9003;
    public const int PerEndpoint = 300;

    [Fact]
    public async Task MalformedBodies_OnEveryEndpoint_Get2xxOr4xx_AndChangeNothing()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await SlackBotHost.StartAsync(HostileChat.Viewers("slack"), loggers: logs);
        await using var cluster = await HostileChat.WatchAsync(host.Bot);
        var payloads = new HostilePayloads(Seed);
        var statuses = new List<(int Status, string Body)>();

        for (var i = 0; i < PerEndpoint; i++)
        {
            var text = HostilePayloads.Texts[i % HostilePayloads.Texts.Length];
            var command = SlackPayloads.SlashCommand(text, "U1", "C1").ToDictionary(p => p.Key, p => (string)p.Value!);
            await SendAsync("/slack/commands", payloads.Form(command), "application/x-www-form-urlencoded");
            await SendAsync("/slack/events", payloads.Json(Event(i, text)), "application/json");
            var click = SlackPayloads.BlockActions("promote-next", $$"""{"r":"r{{i}}","v":{{i}},"c":"{{Escape(text)}}"}""", "U2", "C1", "1700000000.000100");
            await SendAsync("/slack/interactions", i % 3 == 0
                ? payloads.Form(new Dictionary<string, string> { ["payload"] = click.ToJsonString() })
                : "payload=" + Uri.EscapeDataString(payloads.Json(click)), "application/x-www-form-urlencoded");
        }

        await HostileChat.AssertHandledAsync(host.Bot, "slack", statuses, logs, cluster);
        var sent = host.Slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral").ToList();
        Assert.True(sent.Count > 100, $"Only {sent.Count} answers were sent.");
        foreach (var call in sent)
        {
            HostileChat.AssertSlackSafe(call.Field("text"));
        }

        async Task SendAsync(string path, string body, string contentType)
        {
            using var response = await host.PostAsync(path, body, contentType);
            statuses.Add(((int)response.StatusCode, $"{path} {body}"));
        }
    }

    [Fact]
    public async Task AChannelPingAndMarkupInAReason_ReachSlackAsText()
    {
        await using var host = await SlackBotHost.StartAsync();

        using var ack = await host.CommandAsync("freeze checkout <!channel> *boom* &lt;script&gt; `x`");

        var posted = await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")!.Contains("Frozen", StringComparison.Ordinal));
        Assert.StartsWith("<@U1> `freeze checkout &lt;!channel&gt; *boom* &lt;script&gt; x` — Frozen: checkout until `unfreeze checkout` "
            + "(`&lt;!channel&gt; *boom* &lt;script&gt; x`).", posted.Field("text"), StringComparison.Ordinal);
        HostileChat.AssertSlackSafe(posted.Field("text"));
    }

    /// <summary>A mention in a channel, a direct message, or Slack's URL check.</summary>
    private static JsonObject Event(int i, string text) => (i % 3) switch
    {
        0 => SlackPayloads.EventCallback(new JsonObject
        {
            ["type"] = "app_mention", ["user"] = "U1", ["text"] = $"<@UBOT> {text}", ["ts"] = $"1700000000.{i:D6}", ["channel"] = "C1", ["event_ts"] = $"1700000000.{i:D6}",
        }),
        1 => SlackPayloads.EventCallback(new JsonObject
        {
            ["type"] = "message", ["channel_type"] = "im", ["user"] = "U1", ["text"] = text, ["ts"] = $"1700000001.{i:D6}", ["channel"] = "D1",
        }),
        _ => new JsonObject { ["token"] = "t", ["challenge"] = $"challenge-{i}", ["type"] = "url_verification" },
    };

    private static string Escape(string text) => JsonValue.Create(text).ToJsonString()[1..^1];
}
