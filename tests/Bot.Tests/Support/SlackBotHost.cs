using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The real bot with Slack over HTTP, talking to a <see cref="FakeSlack"/>, and a client that signs requests as Slack does.</summary>
internal sealed class SlackBotHost : IAsyncDisposable
{
    public const string Secret = "test-signing-secret-0123456789";
    public const string BotToken = "xoxb-test-bot-token";

    private SlackBotHost(BotTestHost bot, FakeSlack slack, HttpClient http)
    {
        Bot = bot;
        Slack = slack;
        Http = http;
    }

    public BotTestHost Bot { get; }

    public FakeSlack Slack { get; }

    public HttpClient Http { get; }

    public static async Task<SlackBotHost> StartAsync(
        IDictionary<string, string?>? settings = null, Action<FakeSlack>? prepare = null, ILoggerProvider? loggers = null, string? dataDirectory = null)
    {
        var slack = await FakeSlack.StartAsync();
        prepare?.Invoke(slack);
        var values = new Dictionary<string, string?>
        {
            ["Chat:Console:Enabled"] = "false",
            ["Chat:Slack:SigningSecret"] = Secret,
            ["Chat:Slack:BotToken"] = BotToken,
            ["Chat:Slack:ApiBaseUrl"] = slack.ApiBaseUrl.ToString(),
            ["Chat:Slack:PostInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var bot = await BotTestHost.CreateAsync(string.Empty, values, dataDirectory, configure: builder =>
        {
            if (loggers is not null)
            {
                builder.Logging.AddProvider(loggers);
            }
        });
        await bot.App.StartAsync();
        var address = bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SlackBotHost(bot, slack, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>A slash command as Slack posts it, signed.</summary>
    public Task<HttpResponseMessage> CommandAsync(string text, string user = "U1", string channel = "C1", string? trigger = null, string responseUrl = "https://hooks.example/1") =>
        PostAsync("/slack/commands", Form(new Dictionary<string, string>
        {
            ["token"] = "deprecated", ["team_id"] = "T1", ["team_domain"] = "shop", ["channel_id"] = channel, ["channel_name"] = "releases",
            ["user_id"] = user, ["user_name"] = user.ToLowerInvariant(), ["command"] = "/release", ["text"] = text,
            ["api_app_id"] = "A1", ["response_url"] = responseUrl, ["trigger_id"] = trigger ?? Guid.NewGuid().ToString("N"),
        }), "application/x-www-form-urlencoded");

    /// <summary>An Events API body, signed; <paramref name="retry"/> adds Slack's retry header.</summary>
    public Task<HttpResponseMessage> EventAsync(JsonObject body, int? retry = null) =>
        PostAsync("/slack/events", body.ToJsonString(), "application/json", retry);

    /// <summary>A click on a button of a card message, signed.</summary>
    public Task<HttpResponseMessage> ClickAsync(JsonObject button, string cardTs, string user = "U2", string channel = "C1") =>
        PostAsync("/slack/interactions", Form(new Dictionary<string, string>
        {
            ["payload"] = new JsonObject
            {
                ["type"] = "block_actions",
                ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = "T1" },
                ["api_app_id"] = "A1",
                ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = cardTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
                ["trigger_id"] = Guid.NewGuid().ToString("N"),
                ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "releases" },
                ["message"] = new JsonObject { ["ts"] = cardTs },
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["action_id"] = (string?)button["action_id"], ["block_id"] = "b", ["value"] = (string?)button["value"],
                    ["type"] = "button", ["action_ts"] = "1700000000.1",
                }),
            }.ToJsonString(),
        }), "application/x-www-form-urlencoded");

    /// <summary>Posts a body signed with <paramref name="secret"/> (the right one unless told otherwise).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, int? retry = null, string secret = Secret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret, timestamp, bytes));
        if (retry is { } number)
        {
            request.Headers.Add("X-Slack-Retry-Num", number.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>The buttons of a card as posted or updated.</summary>
    public static JsonArray Buttons(FakeSlackCall card) =>
        card.Json!["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();

    public static JsonObject Button(FakeSlackCall card, string actionId) =>
        Buttons(card).Single(b => (string?)b!["action_id"] == actionId)!.AsObject();

    /// <summary>The card's field texts, e.g. "*Traffic*\n25% to the canary".</summary>
    public static List<string> Fields(FakeSlackCall card) =>
        card.Json!["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "section")!["fields"]!.AsArray().Select(f => (string)f!["text"]!).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Bot.App.StopAsync();
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
    }

    private static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
