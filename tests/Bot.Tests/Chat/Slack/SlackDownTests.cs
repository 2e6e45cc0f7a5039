using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>Slack failing to take messages delays the bot's replies, not its cluster work; once Slack answers again each reply arrives once.</summary>
public sealed class SlackDownTests
{
    [Fact]
    public async Task WhileSlackFails_TheStepIsCarriedOut_AndItsReplyArrivesOnceSlackIsBack()
    {
        await using var host = await SlackBotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Chat:Outbox:FirstRetry"] = "00:00:00.200",
            ["Chat:Outbox:LongestWait"] = "00:00:00.400",
        });
        using var deploy = await host.CommandAsync("deploy checkout v2.0.0");
        await host.Slack.WaitForCallAsync("chat.postMessage", c => c.Json?["blocks"] is not null);

        // From now on Slack answers chat.postMessage with errors, three times.
        for (var i = 0; i < 3; i++)
        {
            host.Slack.RespondNext("chat.postMessage", 503, "upstream connect error");
        }

        using var promote = await host.CommandAsync("promote checkout 25%");

        // The cluster moves whatever Slack does.
        for (var i = 0; i < 400 && host.Bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary")?["spec"]?["replicas"]?.GetValue<int>() != 1; i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(1, host.Bot.Sandbox.GetObject("Deployment", "shop", "checkout-canary")!["spec"]!["replicas"]!.GetValue<int>());
        static bool Served(FakeSlackCall c) => c.Field("text")?.StartsWith(":white_check_mark: checkout canary v2.0.0 now serves", StringComparison.Ordinal) == true;
        await host.Slack.WaitForCallAsync("chat.postMessage", Served);

        // Once Slack took it, it is not posted again (failed attempts before it are recorded by the fake too).
        var attempts = host.Slack.CallsTo("chat.postMessage").Count(Served);
        await Task.Delay(1000);
        Assert.Equal(attempts, host.Slack.CallsTo("chat.postMessage").Count(Served));
        Assert.True(attempts <= 4, $"{attempts} attempts for one reply");
    }
}
