using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Flags;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Flags;

/// <summary>
/// The whole path: flags typed in the terminal chat of the real bot, written by its job queue into the ConfigMap of a
/// (simulated) cluster, read by an app that uses Microsoft.FeatureManagement.
/// </summary>
public sealed class FlagsFromChatTests
{
    [Fact]
    public async Task FlagsTypedInChat_ReachAnAppUsingFeatureManagement()
    {
        await using var demo = await FlagDemoHost.StartAsync(FlagSet.Empty);
        var settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Source"] = "kubeconfig",
            ["Kubernetes:KubeconfigPath"] = demo.Kubeconfig,
            ["Kubernetes:ClusterName"] = "demo-cluster",
            ["Apps:demo:Namespace"] = FlagDemoHost.Namespace,
            ["Apps:demo:Environment"] = "staging",
        };
        const string Script = """
            flag demo new-checkout 30%
            flag demo vip users alice,bob
            flag demo beta-search groups beta
            flag demo new-checkout 30% for 2h --dry-run
            flags demo
            flag demo new-checkout history
            """;
        await using (var bot = await BotTestHost.CreateAsync(Script, settings))
        {
            await bot.RunToEndAsync(TimeSpan.FromSeconds(60));
            var terminal = bot.Terminal;
            Assert.Contains("✓ demo: flag new-checkout is now on for 30% of users (was off), written to ConfigMap flags/demo-flags", terminal, StringComparison.Ordinal);
            Assert.Contains("✓ demo: flag vip is now on for users alice, bob (was off)", terminal, StringComparison.Ordinal);
            Assert.Contains("✓ demo: flag beta-search is now on for group beta (was off)", terminal, StringComparison.Ordinal);
            Assert.Contains("Dry run of `flag demo new-checkout 30% for 2h --dry-run` — nothing was changed.", terminal, StringComparison.Ordinal);
            Assert.Contains("• new-checkout: on for 30% of users — set by", terminal, StringComparison.Ordinal);
            Assert.Contains("Changes of flag new-checkout of demo, newest first:", terminal, StringComparison.Ordinal);
        }

        var users = Enumerable.Range(0, 10_000).Select(i => $"user-{i}").ToList();
        var seen = await WaitUntilAsync(() => demo.IsEnabledAsync("vip", "alice"));
        Assert.True(seen, "the app never saw the flags the bot wrote");

        var answers = await demo.AskEachAsync("new-checkout", users);

        Assert.InRange(answers.Count(on => on), 2_500, 3_500);
        Assert.Equal(answers, await demo.AskEachAsync("new-checkout", users));
        Assert.True(await demo.IsEnabledAsync("vip", "bob"));
        Assert.False(await demo.IsEnabledAsync("vip", "carol"));
        Assert.True(await demo.IsEnabledAsync("beta-search", "dave", "beta"));
        Assert.False(await demo.IsEnabledAsync("beta-search", "dave", "staff"));
        var reference = await demo.ReferenceAsync();
        Assert.Empty(users.Where((user, i) => answers[i] != reference.IsOn("new-checkout", user, [], DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task AnEnvironmentThatAsksForApproval_RaisesARequest_AndWritesNothing()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Flags:Approval:staging"] = "true",
            ["Approvals:Environments:staging:TwoPersonRule"] = "true",
        };
        const string Script = """
            flag checkout new-checkout on
            flags checkout
            """;
        await using var bot = await BotTestHost.CreateAsync(Script, settings);

        await bot.RunToEndAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("checkout: changing flag new-checkout needs approval in staging. I asked (request g", bot.Terminal, StringComparison.Ordinal);
        Assert.Contains("• new-checkout → on for everyone: waiting for approval (request g", bot.Terminal, StringComparison.Ordinal);
        Assert.Contains("checkout flags (ConfigMap shop/checkout-flags):", bot.Terminal, StringComparison.Ordinal);
        Assert.DoesNotContain("is now on", bot.Terminal, StringComparison.Ordinal);
    }

    /// <summary>Asks until the condition holds, at most 20 s.</summary>
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
