using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams;

/// <summary>
/// The whole bot driven through the Microsoft 365 Agents Playground, an offline Teams channel emulator: real Teams
/// activities in, the playground's connector out. The playground sends no tokens, so the bot runs with
/// <c>Chat:Teams:AllowUnauthenticated</c>.
/// </summary>
public sealed class TeamsPlaygroundTests
{
    [Fact]
    public async Task Deploy_PromoteByActionExecute_RollbackByActionSubmit()
    {
        await using var bot = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?>
        {
            ["Chat:Console:Enabled"] = "false",
            ["Chat:Teams:AllowUnauthenticated"] = "true",
            ["Chat:Teams:SendInterval"] = "00:00:00",
        });
        await bot.App.StartAsync();
        var address = bot.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await using var teams = await AgentsPlayground.StartAsync(new Uri(new Uri(address), "/api/messages"));

        await teams.SendMessageAsync("deploy checkout v2.0.0");

        var first = await teams.WaitForCardAsync(c => Facts(c).Contains("Version: v1.0.0 → v2.0.0"));
        var cardId = first.MessageId();
        await teams.WaitForTextAsync("`deploy checkout v2.0.0` — Accepted: release");
        await teams.WaitForTextAsync("✅ checkout v2.0.0 is deployed as `checkout-canary` at 0%");
        var ready = await teams.WaitForUpdateAsync(cardId, f => f.AdaptiveCards().Any(c => Facts(c).Contains("State: running as a canary")));

        var promote = Find(ready.AdaptiveCards().Single(), "promote-next");
        var answer = await teams.InvokeAsync(new JsonObject
        {
            ["type"] = "Action.Execute", ["verb"] = (string?)promote["verb"], ["data"] = promote["data"]!.DeepClone(),
        }, cardId);

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        Assert.Contains("Traffic: 0% to the canary (requested 5%)", Facts(answer["value"]!.AsObject()));
        await teams.WaitForTextAsync("✅ checkout canary v2.0.0 now serves requested 5%, effective 25% (1 of 4 pods).");
        Assert.Equal(1, (int?)bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary")!["spec"]!["replicas"]);

        var moved = await teams.WaitForUpdateAsync(cardId, f => f.AdaptiveCards().Any(c => Facts(c).Contains("Traffic: 25% to the canary (requested 5%)")));
        var rollback = Find(moved.AdaptiveCards().Single(), "rollback");
        await teams.SubmitAsync(rollback["fallback"]!["data"]!.AsObject(), cardId);

        await teams.WaitForTextAsync("`rollback checkout` — Accepted: rolling back checkout v2.0.0");
        await teams.WaitForTextAsync("✅ checkout is back on v1.0.0 (4 pods); the canary is removed.");
        Assert.Null(bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
        await teams.WaitForUpdateAsync(cardId, f => f.AdaptiveCards().Any(c => Facts(c).Contains("State: rolled back") && c["actions"]!.AsArray().Count == 0));
    }

    private static List<string> Facts(JsonObject card) =>
        card["body"]?.AsArray().FirstOrDefault(b => (string?)b!["type"] == "FactSet")?["facts"]?.AsArray()
            .Select(f => $"{(string?)f!["title"]}: {(string?)f["value"]}").ToList() ?? [];

    private static JsonObject Find(JsonObject card, string verb) =>
        card["actions"]!.AsArray().OfType<JsonObject>()
            .SelectMany(a => a["card"]?["actions"] is JsonArray inner ? inner.OfType<JsonObject>().Prepend(a) : [a])
            .Single(a => (string?)a["verb"] == verb);
}
