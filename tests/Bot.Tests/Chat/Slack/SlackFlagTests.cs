using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>A feature flag changed from Slack in production: the approval card, the two-person rule, the change written, and the Turn off button.</summary>
public sealed class SlackFlagTests
{
    private static readonly Dictionary<string, string?> Production = new() { ["Apps:checkout:Environment"] = "production" };

    [Fact]
    public async Task AChangeInProduction_IsApprovedBySomeoneElse_Written_AndTurnedOffByItsButton()
    {
        await using var host = await SlackBotHost.StartAsync(Production);

        using var asked = await host.CommandAsync("flag checkout new-checkout 30%", user: "U1");
        var request = await host.Slack.WaitForCallAsync("chat.postMessage", c => (string?)c.Json?["blocks"]?[0]?["text"]?["text"] is { } title
            && title.StartsWith("Approval g", StringComparison.Ordinal) && title.Contains("flag new-checkout of checkout", StringComparison.Ordinal));
        Assert.Contains("*Change*\noff → on for 30% of users", SlackBotHost.Fields(request));
        var approve = SlackBotHost.Button(request, "approve");
        var requestTs = await MessageIdAsync(host);

        using var own = await host.ClickAsync(approve, requestTs, user: "U1");
        var refusal = await host.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Field("user") == "U1");
        Assert.Contains("someone else must approve it", refusal.Field("text"), StringComparison.Ordinal);
        Assert.Null(Flag(host));

        using var click = await host.ClickAsync(approve, requestTs, user: "U2");
        await host.Slack.WaitForCallAsync("chat.update", c => c.Field("ts") == requestTs
            && c.Json!["blocks"]!.ToJsonString().Contains("Approved by u2 (slack:U2)", StringComparison.Ordinal));
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("checkout: flag new-checkout is now on for 30% of users (was off)", StringComparison.Ordinal) == true);
        var written = await host.Slack.WaitForCallAsync("chat.postMessage", c => (string?)c.Json?["blocks"]?[0]?["text"]?["text"] is { } title
            && title.StartsWith("Flag new-checkout of checkout", StringComparison.Ordinal));
        Assert.Equal(30, Flag(host)!.Percentage);

        // A decision card's button carries only its command, so which message it sits on does not matter.
        using var off = await host.ClickAsync(SlackBotHost.Button(written, "flag-off"), "1700000000.000100", user: "U3");
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("checkout: flag new-checkout is now off (was on for 30% of users)", StringComparison.Ordinal) == true);
        Assert.False(Flag(host)!.Enabled);
    }

    private static FeatureFlag? Flag(SlackBotHost host)
    {
        var data = host.Bot.Sandbox.GetObject("ConfigMap", "shop", "checkout-flags")?["data"]?.AsObject();
        return data is null ? null : FlagDocuments.Parse(data.ToDictionary(p => p.Key, p => (string)p.Value!)).Find("new-checkout");
    }

    /// <summary>The approval card's message ts, as the bot stored it with the change (bounded wait).</summary>
    private static async Task<string> MessageIdAsync(SlackBotHost host)
    {
        var store = host.Bot.App.Services.GetRequiredService<IFlagChangeStore>();
        for (var i = 0; i < 250; i++)
        {
            if ((await store.AwaitingApprovalAsync(default)).FirstOrDefault()?.Approval?.MessageId is { } ts)
            {
                return ts;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The approval request's message ts was never stored.");
    }
}
