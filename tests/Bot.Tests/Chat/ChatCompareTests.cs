using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat;

/// <summary><c>compare</c> in Slack and Teams: the chart reaches the release's thread with the verdict beside it.</summary>
public sealed class ChatCompareTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Slack_ABadCanary_IsSharedAsAChartFileInTheReleaseThread_WithTheVerdictAsItsComment()
    {
        await using var host = await SlackBotHost.StartAsync(BusyTraffic.Settings());
        using (await host.CommandAsync("deploy checkout v2.0.0-bad"))
        {
            await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("is deployed", StringComparison.Ordinal) == true);
        }

        using (await host.CommandAsync("promote canary 50%"))
        {
            await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Field("text")?.Contains("now serves", StringComparison.Ordinal) == true);
        }

        var thread = await CardIdAsync(host.Bot);
        await BusyTraffic.WaitForBothTracksAsync(host.Bot.Sandbox);

        using var ack = await host.CommandAsync("compare checkout", user: "U2");

        var complete = await host.Slack.WaitForCallAsync("files.completeUploadExternal");
        Assert.Equal(("C1", thread), (complete.Field("channel_id"), complete.Field("thread_ts")));
        var comment = complete.Field("initial_comment")!;
        Assert.StartsWith("<@U2> `compare checkout`\n", comment, StringComparison.Ordinal);
        Assert.Contains("Fail", comment, StringComparison.Ordinal);
        Assert.Contains("v2.0.0-bad", comment, StringComparison.Ordinal);
        var asked = Assert.Single(host.Slack.CallsTo("files.getUploadURLExternal"));
        Assert.Matches(@"^compare-checkout-.*\.png$", asked.Field("filename"));
        Assert.False(string.IsNullOrWhiteSpace(asked.Field("alt_txt")));
        var upload = Assert.Single(host.Slack.CallsTo(FakeSlack.UploadMethod));
        Assert.Equal(asked.Field("length"), upload.RawBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PngSignature, upload.RawBody[..8]);
        Assert.DoesNotContain(host.Slack.CallsTo("chat.postMessage"), c => c.Field("text")?.Contains("compare checkout", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Teams_ABadCanary_IsAnAdaptiveCardWithTheChartInline_InTheReleaseThread()
    {
        await using var host = await TeamsBotHost.StartAsync(BusyTraffic.Settings());
        using (await host.SayAsync("deploy checkout v2.0.0-bad"))
        {
            await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Text?.Contains("is deployed", StringComparison.Ordinal) == true);
        }

        using (await host.SayAsync("promote canary 50%"))
        {
            await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Text?.Contains("now serves", StringComparison.Ordinal) == true);
        }

        var cardId = await CardIdAsync(host.Bot);
        await BusyTraffic.WaitForBothTracksAsync(host.Bot.Sandbox);

        using var ack = await host.SayAsync("compare checkout", user: "bob");

        var answer = await host.Teams.WaitForCallAsync(FakeTeamsOperation.Reply, c => c.Json?["attachments"] is JsonArray);
        Assert.Equal(cardId, answer.ActivityId);
        var body = TeamsBotHost.CardOf(answer)["body"]!.AsArray();
        Assert.Equal(["TextBlock", "Image", "TextBlock"], body.Select(b => (string?)b!["type"]));
        Assert.Contains("checkout", (string?)body[0]!["text"], StringComparison.Ordinal);
        var url = (string)body[1]!["url"]!;
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        var png = Convert.FromBase64String(url["data:image/png;base64,".Length..]);
        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length <= ChatOpsRelease.Bot.Chat.Teams.TeamsCards.MaxInlineImageBytes, $"{png.Length} bytes inline");
        Assert.False(string.IsNullOrWhiteSpace((string?)body[1]!["altText"]));
        var text = (string)body[2]!["text"]!;
        Assert.StartsWith("`compare checkout` — ", text, StringComparison.Ordinal);
        Assert.Contains("Fail", text, StringComparison.Ordinal);
    }

    /// <summary>The id the chat gave the release's card (Slack's ts, Teams' activity id), once the release records it.</summary>
    private static async Task<string> CardIdAsync(BotTestHost bot)
    {
        var store = bot.App.Services.GetRequiredService<IReleaseStore>();
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
