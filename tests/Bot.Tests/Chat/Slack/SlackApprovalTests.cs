using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>An approval request in a production release's Slack thread, decided by buttons — before and after a restart of the bot.</summary>
public sealed class SlackApprovalTests
{
    private static readonly Dictionary<string, string?> Production = new() { ["Apps:checkout:Environment"] = "production" };

    [Fact]
    public async Task TheRequesterCannotApprove_AnotherPersonCan_AfterARestart_AndThePromotionFollows()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-approval-").FullName;
        JsonObject approve;
        string requestTs;
        await using (var first = await SlackBotHost.StartAsync(Production, dataDirectory: folder))
        {
            using var deploy = await first.CommandAsync("deploy checkout v2.0.0");
            await first.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("is deployed", StringComparison.Ordinal) == true);

            using var full = await first.CommandAsync("promote checkout full");

            var request = await first.Slack.WaitForCallAsync("chat.postMessage", c => (string?)c.Json?["blocks"]?[0]?["text"]?["text"] is { } title
                && title.StartsWith("Approval ", StringComparison.Ordinal));
            Assert.NotNull(request.Field("thread_ts"));
            Assert.Contains("*May approve*\nslack:*; not u1 (two-person rule)", SlackBotHost.Fields(request));
            approve = SlackBotHost.Button(request, "approve");
            requestTs = await RequestTsAsync(first);

            using var own = await first.ClickAsync(approve, requestTs, user: "U1");
            var refusal = await first.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Field("user") == "U1");
            Assert.Contains("someone else must approve it", refusal.Field("text"), StringComparison.Ordinal);
            Assert.Equal("registry.example/checkout:v1.0.0", Image(first));
        }

        await using (var second = await SlackBotHost.StartAsync(Production, dataDirectory: folder))
        {
            using var click = await second.ClickAsync(approve, requestTs, user: "U2");

            // The decided card has no buttons (a click replayed at start-up from the first bot's inbox may redraw it before that).
            var redrawn = await second.Slack.WaitForCallAsync("chat.update", c => c.Field("ts") == requestTs
                && !c.Json!["blocks"]!.AsArray().Any(b => (string?)b!["type"] == "actions"));
            Assert.Contains("Approved by u2 (slack:U2)", redrawn.Json!["blocks"]!.ToJsonString(), StringComparison.Ordinal);
            await second.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("promoting checkout v2.0.0 to everyone", StringComparison.Ordinal) == true);
            await second.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.StartsWith(":white_check_mark: checkout v2.0.0", StringComparison.Ordinal) == true);
            Assert.Equal("registry.example/checkout:v2.0.0", Image(second));

            using var again = await second.ClickAsync(approve, requestTs, user: "U3");
            var stale = await second.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Field("user") == "U3");
            Assert.Contains("is closed — Approved by u2", stale.Field("text"), StringComparison.Ordinal);
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The approval card's message ts, as the bot stored it with the release (bounded wait).</summary>
    private static async Task<string> RequestTsAsync(SlackBotHost host)
    {
        var store = host.Bot.App.Services.GetRequiredService<IReleaseStore>();
        for (var i = 0; i < 250; i++)
        {
            if ((await store.LatestAsync("checkout", default))?.Approvals.FirstOrDefault()?.MessageId is { } ts)
            {
                return ts;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The approval request's message ts was never stored.");
    }

    private static string? Image(SlackBotHost host) =>
        (string?)host.Bot.Sandbox.GetObject("Deployment", "shop", "checkout")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"];
}
