using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The Agents Playground harness against a minimal bot that speaks the Bot Framework protocol by hand: it echoes
/// messages through the connector (the activity's serviceUrl, no token), posts and updates a card, and answers
/// Action.Execute invokes with a card.
/// </summary>
public sealed class AgentsPlaygroundTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Message_ReachesTheBotAsTeamsWouldSendIt_AndTheEchoArrivesOnTheStream()
    {
        await using var bot = await EchoBot.StartAsync();
        await using var teams = await AgentsPlayground.StartAsync(bot.Endpoint);

        await teams.SendMessageAsync("hello playground");

        var echo = await teams.WaitForTextAsync("echo: hello playground", Wait);
        Assert.Equal("createMessage", echo.Action());
        Assert.Equal(teams.ConversationId, echo["actionConversationId"]?.GetValue<string>());
        Assert.Equal(teams.BotId, echo.Message()?["from"]?["id"]?.GetValue<string>());

        var (headers, activity) = await bot.WaitForActivityAsync(a => a["type"]?.GetValue<string>() == "message");
        Assert.False(headers.ContainsKey("Authorization"));
        Assert.Equal("true", headers["x-ms-agents-playground"]);
        Assert.Equal("msteams", activity["channelId"]?.GetValue<string>());
        Assert.Equal("hello playground", activity["text"]?.GetValue<string>());
        Assert.Equal("plain", activity["textFormat"]?.GetValue<string>());
        Assert.Equal(teams.ServiceUrl, activity["serviceUrl"]?.GetValue<string>());
        Assert.Equal(teams.ConversationId, activity["conversation"]?["id"]?.GetValue<string>());
        Assert.Equal("personal", activity["conversation"]?["conversationType"]?.GetValue<string>());
        Assert.Equal(teams.TenantId, activity["conversation"]?["tenantId"]?.GetValue<string>());
        Assert.Equal(teams.TenantId, activity["channelData"]?["tenant"]?["id"]?.GetValue<string>());
        Assert.Equal(teams.UserId, activity["from"]?["id"]?.GetValue<string>());
        Assert.Equal(teams.UserName, activity["from"]?["name"]?.GetValue<string>());
        Assert.Equal(teams.UserAadObjectId, activity["from"]?["aadObjectId"]?.GetValue<string>());
        Assert.Equal(teams.BotId, activity["recipient"]?["id"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(activity["id"]?.GetValue<string>()));
    }

    [Fact]
    public async Task ServiceUrl_CanEndWithASlashLikeTeamsOwn()
    {
        await using var bot = await EchoBot.StartAsync();
        await using var teams = await AgentsPlayground.StartAsync(bot.Endpoint, "personal-chat-slash", serviceUrlWithTrailingSlash: true);

        await teams.SendMessageAsync("with a slash");

        await teams.WaitForTextAsync("echo: with a slash", Wait);
        var (_, activity) = await bot.WaitForActivityAsync(a => a["type"]?.GetValue<string>() == "message");
        Assert.Equal($"http://127.0.0.1:{teams.Port}/_connector/", activity["serviceUrl"]?.GetValue<string>());
        Assert.Equal("personal-chat-slash", activity["conversation"]?["id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_OnACardTheBotPosted_ReturnsTheCardTheBotAnswered()
    {
        await using var bot = await EchoBot.StartAsync();
        await using var teams = await AgentsPlayground.StartAsync(bot.Endpoint);
        await teams.SendMessageAsync("card");
        var posted = await teams.WaitForCardAsync(timeout: Wait);
        var execute = Assert.Single(posted.AdaptiveCards().Single()["actions"]!.AsArray(), a => a?["type"]?.GetValue<string>() == "Action.Execute")!.AsObject();

        var answer = await teams.InvokeAsync(execute, posted.MessageId());

        Assert.Equal(AgentsPlayground.AdaptiveCardContentType, answer["type"]?.GetValue<string>());
        Assert.Equal("Approved r-1 by user-id-0", answer["value"]?["body"]?[0]?["text"]?.GetValue<string>());
        Assert.Null(answer["statusCode"]);
        var (_, invoke) = await bot.WaitForActivityAsync(a => a["type"]?.GetValue<string>() == "invoke");
        Assert.Equal("adaptiveCard/action", invoke["name"]?.GetValue<string>());
        Assert.Equal(posted.MessageId(), invoke["replyToId"]?.GetValue<string>());
        Assert.Equal("approve", invoke["value"]?["action"]?["verb"]?.GetValue<string>());
        Assert.Equal("r-1", invoke["value"]?["action"]?["data"]?["release"]?.GetValue<string>());
        Assert.Equal("manual", invoke["value"]?["trigger"]?.GetValue<string>());
    }

    [Fact]
    public async Task Submit_ReachesTheBotAsAMessageWithValue()
    {
        await using var bot = await EchoBot.StartAsync();
        await using var teams = await AgentsPlayground.StartAsync(bot.Endpoint);
        await teams.SendMessageAsync("card");
        var posted = await teams.WaitForCardAsync(timeout: Wait);

        await teams.SubmitAsync(new JsonObject { ["action"] = "reject", ["release"] = "r-1", ["reason"] = "too early" }, posted.MessageId());

        var (_, submitted) = await bot.WaitForActivityAsync(a => a["type"]?.GetValue<string>() == "message" && a["value"] is not null);
        Assert.Null(submitted["text"]);
        Assert.Equal(posted.MessageId(), submitted["replyToId"]?.GetValue<string>());
        Assert.Equal("reject", submitted["value"]?["action"]?.GetValue<string>());
        Assert.Equal("too early", submitted["value"]?["reason"]?.GetValue<string>());
        await teams.WaitForTextAsync("submitted: reject", Wait);
    }

    [Fact]
    public async Task Update_OfAPostedCard_ArrivesAsAnUpdateOfTheSameMessage()
    {
        await using var bot = await EchoBot.StartAsync();
        await using var teams = await AgentsPlayground.StartAsync(bot.Endpoint);

        await teams.SendMessageAsync("update");

        var posted = await teams.WaitForCardAsync(c => c.ToJsonString().Contains("awaiting approval", StringComparison.Ordinal), Wait);
        var updated = await teams.WaitForUpdateAsync(posted.MessageId(), timeout: Wait);
        Assert.Equal("Updated in place", updated.AdaptiveCards().Single()["body"]?[0]?["text"]?.GetValue<string>());
        Assert.Equal(1, teams.Received.Count(f => f.Action() == "createMessage" && f.AdaptiveCards().Any()));
    }

    [Fact]
    public async Task Install_SendsInstallationUpdateAndMembersAdded()
    {
        await using var bot = await EchoBot.StartAsync();
        await using var teams = await AgentsPlayground.StartAsync(bot.Endpoint);
        Assert.DoesNotContain(bot.Activities, a => a.Body["type"]?.GetValue<string>() is "installationUpdate" or "conversationUpdate");

        await teams.InstallAsync();

        var (_, installation) = await bot.WaitForActivityAsync(a => a["type"]?.GetValue<string>() == "installationUpdate");
        Assert.Equal("add", installation["action"]?.GetValue<string>());
        var (_, update) = await bot.WaitForActivityAsync(a => a["type"]?.GetValue<string>() == "conversationUpdate");
        var added = update["membersAdded"]!.AsArray().Select(m => m?["id"]?.GetValue<string>()).ToList();
        Assert.Equal([teams.UserId, teams.BotId], added);
        Assert.Equal(teams.ServiceUrl, update["serviceUrl"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dispose_StopsThePlayground()
    {
        await using var bot = await EchoBot.StartAsync();
        var teams = await AgentsPlayground.StartAsync(bot.Endpoint);
        var address = teams.BaseAddress;
        output.WriteLine($"The playground was ready in {teams.StartupTime.TotalMilliseconds:0} ms.");
        Assert.True(teams.StartupTime < TimeSpan.FromSeconds(40));

        await teams.DisposeAsync();

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(address, "_debug/ping")));
    }

    [Fact]
    public void LocateInstallation_WhenNotInstalled_SaysToRunTestSh()
    {
        var empty = Directory.CreateTempSubdirectory("no-playground-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => AgentsPlayground.LocateInstallation(empty.FullName));
            Assert.Contains("./test.sh", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    /// <summary>One request the bot received: its headers and its activity.</summary>
    private sealed record Received(IReadOnlyDictionary<string, string> Headers, JsonObject Body);

    /// <summary>A loopback bot at <c>/api/messages</c> that answers through the connector without a token.</summary>
    private sealed class EchoBot : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private readonly HttpClient _connector = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(15) };

        private readonly ChangeSignal _changed = new();

        private readonly Lock _gate = new();

        private readonly List<Received> _activities = [];

        private EchoBot(WebApplication app)
        {
            _app = app;
        }

        public Uri Endpoint { get; private set; } = null!;

        public IReadOnlyList<Received> Activities
        {
            get
            {
                lock (_gate)
                {
                    return [.. _activities];
                }
            }
        }

        public static async Task<EchoBot> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Services.AddLogging();
            builder.Services.AddRoutingCore();
            var bot = new EchoBot(builder.Build());
            bot._app.UseRouting();
            bot._app.MapPost("/api/messages", bot.HandleAsync);
            await bot._app.StartAsync();
            var bound = bot._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            bot.Endpoint = new Uri(new Uri(bound), "/api/messages");
            return bot;
        }

        public async Task<(IReadOnlyDictionary<string, string> Headers, JsonObject Body)> WaitForActivityAsync(Func<JsonObject, bool> match)
        {
            var found = await _changed.WaitForAsync(() => Activities.FirstOrDefault(a => match(a.Body)), Wait, "an activity at the bot");
            return (found.Headers, found.Body);
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
            _connector.Dispose();
        }

        private static JsonObject Card(string title, bool withActions) => new()
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["wrap"] = true }),
            ["actions"] = withActions
                ? new JsonArray(
                    new JsonObject { ["type"] = "Action.Execute", ["title"] = "Approve", ["verb"] = "approve", ["data"] = new JsonObject { ["release"] = "r-1" } },
                    new JsonObject { ["type"] = "Action.Submit", ["title"] = "Reject", ["data"] = new JsonObject { ["action"] = "reject", ["release"] = "r-1" } })
                : new JsonArray(),
        };

        private static JsonObject CardActivity(JsonObject card) => new()
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AgentsPlayground.AdaptiveCardContentType, ["content"] = card }),
        };

        private async Task HandleAsync(HttpContext context)
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            lock (_gate)
            {
                _activities.Add(new Received(headers, body));
            }

            _changed.Notify();
            var type = body["type"]?.GetValue<string>();
            if (type == "invoke" && body["name"]?.GetValue<string>() == "adaptiveCard/action")
            {
                var release = body["value"]?["action"]?["data"]?["release"]?.GetValue<string>();
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(new JsonObject
                {
                    ["statusCode"] = 200,
                    ["type"] = AgentsPlayground.AdaptiveCardContentType,
                    ["value"] = Card($"Approved {release} by {body["from"]?["id"]?.GetValue<string>()}", withActions: false),
                }.ToJsonString());
                return;
            }

            if (type == "message")
            {
                var text = body["text"]?.GetValue<string>();
                if (body["value"] is JsonObject value)
                {
                    await SendAsync(body, HttpMethod.Post, null, new JsonObject { ["type"] = "message", ["text"] = $"submitted: {value["action"]?.GetValue<string>()}" });
                }
                else if (text is "card" or "update")
                {
                    var id = await SendAsync(body, HttpMethod.Post, null, CardActivity(Card("Release r-1 awaiting approval", withActions: true)));
                    if (text == "update")
                    {
                        await SendAsync(body, HttpMethod.Put, id, CardActivity(Card("Updated in place", withActions: false)));
                    }
                }
                else
                {
                    await SendAsync(body, HttpMethod.Post, null, new JsonObject { ["type"] = "message", ["text"] = $"echo: {text}", ["textFormat"] = "plain" });
                }
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
        }

        /// <summary>POST to <c>{serviceUrl}/v3/conversations/{id}/activities</c>, or PUT to <c>…/activities/{activityId}</c>; returns the id answered.</summary>
        private async Task<string> SendAsync(JsonObject incoming, HttpMethod method, string? activityId, JsonObject activity)
        {
            var serviceUrl = incoming["serviceUrl"]!.GetValue<string>().TrimEnd('/');
            var conversation = Uri.EscapeDataString(incoming["conversation"]!["id"]!.GetValue<string>());
            activity["from"] = incoming["recipient"]?.DeepClone();
            activity["recipient"] = incoming["from"]?.DeepClone();
            activity["conversation"] = incoming["conversation"]?.DeepClone();
            activity["replyToId"] = incoming["id"]?.DeepClone();
            var url = $"{serviceUrl}/v3/conversations/{conversation}/activities" + (activityId is null ? "" : "/" + Uri.EscapeDataString(activityId));
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
            using var response = await _connector.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(answer)?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"The connector answered no id: {answer}");
        }
    }
}
