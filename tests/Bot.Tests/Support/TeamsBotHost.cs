using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The real bot with Teams on, trusting a loopback Bot Framework identity (real signed tokens) and answering through a
/// loopback connector whose tokens come from the same fake's Entra endpoint.
/// </summary>
internal sealed class TeamsBotHost : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Conversation = "19:releases@thread.tacv2";

    private int _activity;

    private TeamsBotHost(BotTestHost bot, FakeBotFrameworkIdentity identity, FakeTeamsConnector teams, HttpClient http)
    {
        Bot = bot;
        Identity = identity;
        Teams = teams;
        Http = http;
    }

    public BotTestHost Bot { get; }

    public FakeBotFrameworkIdentity Identity { get; }

    public FakeTeamsConnector Teams { get; }

    public HttpClient Http { get; }

    public static async Task<TeamsBotHost> StartAsync(IDictionary<string, string?>? settings = null, ILoggerProvider? loggers = null)
    {
        var identity = await FakeBotFrameworkIdentity.StartAsync();
        var teams = await FakeTeamsConnector.StartAsync();
        teams.ClientSecret = "teams-secret";
        teams.RequireToken = true;
        var values = new Dictionary<string, string?>
        {
            ["Chat:Console:Enabled"] = "false",
            ["Chat:Teams:AppId"] = AppId,
            ["Chat:Teams:AppPassword"] = "teams-secret",
            ["Chat:Teams:OpenIdMetadataUrl"] = identity.MetadataUrl.ToString(),
            ["Chat:Teams:Issuer"] = identity.Issuer,
            ["Chat:Teams:SendInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var bot = await BotTestHost.CreateAsync(string.Empty, values, configure: builder =>
        {
            if (loggers is not null)
            {
                builder.Logging.AddProvider(loggers);
            }
        }, replaceServices: services => services.RouteTeamsTokensTo(teams));
        await bot.App.StartAsync();
        var address = bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TeamsBotHost(bot, identity, teams, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>A user's message in the releases channel, as Teams delivers it (mention included).</summary>
    public Task<HttpResponseMessage> SayAsync(string text, string user = "alice", string? token = null) =>
        PostAsync(Activity("message", user, new JsonObject { ["text"] = $"<at>ChatOpsRelease</at> {text}" }), token);

    /// <summary>A card's Action.Execute, as Teams delivers it.</summary>
    public Task<HttpResponseMessage> ExecuteAsync(JsonObject action, string cardId, string user = "bob") =>
        PostAsync(Activity("invoke", user, new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["replyToId"] = cardId,
            ["value"] = new JsonObject { ["action"] = action.DeepClone(), ["trigger"] = "manual" },
        }));

    /// <summary>A card's Action.Submit: a message carrying the action's data as its value.</summary>
    public Task<HttpResponseMessage> SubmitAsync(JsonObject data, string cardId, string user = "carol") =>
        PostAsync(Activity("message", user, new JsonObject { ["replyToId"] = cardId, ["value"] = data.DeepClone() }));

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Identity.CreateToken(AppId, Teams.ServiceUrl.ToString()));
        return await Http.SendAsync(request);
    }

    public JsonObject Activity(string type, string user, JsonObject extra)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"activity-{Interlocked.Increment(ref _activity)}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = Teams.ServiceUrl.ToString(),
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = $"29:{user}", ["name"] = char.ToUpperInvariant(user[0]) + user[1..], ["aadObjectId"] = $"aad-{user}" },
            ["recipient"] = new JsonObject { ["id"] = $"28:{AppId}", ["name"] = "ChatOpsRelease" },
            ["conversation"] = new JsonObject { ["id"] = Conversation, ["conversationType"] = "channel", ["tenantId"] = "tenant-1" },
        };
        foreach (var (key, value) in extra)
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    /// <summary>The Action.Execute of a card's button, found by its verb (inside a confirmation card too).</summary>
    public static JsonObject Action(JsonObject card, string verb) =>
        All(card["actions"]!.AsArray()).Single(a => (string?)a["verb"] == verb);

    public static List<string> Facts(JsonObject card) =>
        card["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray()
            .Select(f => $"{(string?)f!["title"]}: {(string?)f["value"]}").ToList();

    public static JsonObject CardOf(FakeTeamsCall call) => call.Json!["attachments"]![0]!["content"]!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Bot.App.StopAsync();
        await Bot.DisposeAsync();
        await Teams.DisposeAsync();
        await Identity.DisposeAsync();
    }

    private static IEnumerable<JsonObject> All(JsonArray actions)
    {
        foreach (var action in actions.OfType<JsonObject>())
        {
            yield return action;
            if (action["card"]?["actions"] is JsonArray inner)
            {
                foreach (var nested in All(inner))
                {
                    yield return nested;
                }
            }
        }
    }
}
