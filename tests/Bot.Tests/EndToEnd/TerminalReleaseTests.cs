using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>The whole bot — terminal chat, core, Hangfire jobs, LiteDB, KubernetesClient — against the sandbox.</summary>
public sealed class TerminalReleaseTests
{
    [Fact]
    public async Task DeployPromoteToFull_LeavesStableOnNewImageAndNoCanary()
    {
        await using var host = await BotTestHost.CreateAsync(
            "deploy checkout v2.0.0\npromote canary 20%\npromote canary 50%\npromote canary full\nstatus checkout\n");

        await host.RunToEndAsync();

        var lines = Replies(host.Terminal);
        Assert.Collection(
            lines,
            l => Assert.StartsWith("Accepted: release ", l),
            l => Assert.Equal("✓ checkout v2.0.0 is deployed as `checkout-canary` at 0% — no traffic yet. Next: `promote checkout <N%>` or `promote checkout next`.", l),
            l => Assert.Equal("Accepted: checkout canary (v2.0.0) → requested 20%, effective 25% (1 of 4 pods). I'll post here when the pods serve it.", l),
            l => Assert.Equal("✓ checkout canary v2.0.0 now serves requested 20%, effective 25% (1 of 4 pods).", l),
            l => Assert.Equal("Accepted: checkout canary (v2.0.0) → 50% (2 of 4 pods). I'll post here when the pods serve it.", l),
            l => Assert.Equal("✓ checkout canary v2.0.0 now serves 50% (2 of 4 pods).", l),
            l => Assert.StartsWith("Accepted: promoting checkout v2.0.0 to everyone. Deployment shop/checkout gets registry.example/checkout:v2.0.0 on 4 pods", l),
            l => Assert.Matches(@"^✓ checkout v2\.0\.0 is now the stable version on 4 pods; the canary is removed\. Release \w{8} is complete\.$", l),
            l => Assert.Equal("• checkout (shop, router replicas): stable v2.0.0 4/4 ready", l),
            l => Assert.Equal("    flags: none on", l),
            l => Assert.Matches(@"^    last release \w{8} checkout v1\.0\.0 → v2\.0\.0: complete — started by console:", l),
            l => Assert.StartsWith("      1. create the canary at 0% — applied ", l),
            l => Assert.StartsWith("      2. send 20% of traffic to the canary — applied ", l),
            l => Assert.StartsWith("      3. send 50% of traffic to the canary — applied ", l),
            l => Assert.StartsWith("      4. promote to everyone — applied ", l));

        var stable = host.Sandbox.GetObject("Deployment", "shop", "checkout")!;
        Assert.Equal("registry.example/checkout:v2.0.0", (string?)stable["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal(4, (int?)stable["spec"]!["replicas"]);
        Assert.Null(host.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
    }

    [Fact]
    public async Task DeployPromoteRollback_LeavesStableAsItWasAndNoCanary()
    {
        await using var host = await BotTestHost.CreateAsync("deploy checkout v2.0.0\npromote canary 20%\nrollback checkout\npromote canary 50%\n");

        await host.RunToEndAsync();

        var lines = Replies(host.Terminal);
        Assert.Collection(
            lines,
            l => Assert.StartsWith("Accepted: release ", l),
            l => Assert.StartsWith("✓ checkout v2.0.0 is deployed as `checkout-canary` at 0%", l),
            l => Assert.StartsWith("Accepted: checkout canary (v2.0.0) → requested 20%, effective 25% (1 of 4 pods).", l),
            l => Assert.Equal("✓ checkout canary v2.0.0 now serves requested 20%, effective 25% (1 of 4 pods).", l),
            l => Assert.Equal("Accepted: rolling back checkout v2.0.0. Deployment shop/checkout returns to 4 pods of v1.0.0, then checkout-canary is removed.", l),
            l => Assert.Matches(@"^✓ checkout is back on v1\.0\.0 \(4 pods\); the canary is removed\. Release \w{8} is rolled back\.$", l),
            l => Assert.Equal("✗ There is no active release. Start one with `deploy <app> <version>`.", l));

        var stable = host.Sandbox.GetObject("Deployment", "shop", "checkout")!;
        Assert.Equal("registry.example/checkout:v1.0.0", (string?)stable["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal(4, (int?)stable["spec"]!["replicas"]);
        Assert.Null(host.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
    }

    [Fact]
    public async Task BadInput_IsAnsweredAndChangesNothing()
    {
        await using var host = await BotTestHost.CreateAsync(
            "promot canary 20%\ndeploy shop-cart v2\ndeploy checkout v2.0.0 --dry-run\npromote canary 20%\ndeploy checkout v1.0.0\nhistory checkout\n");

        await host.RunToEndAsync();

        var lines = Replies(host.Terminal);
        Assert.Equal("✗ I don't know the verb `promot`. Did you mean `promote`? Say `help` to see the verbs.", lines[0]);
        Assert.Equal("✗ I don't know the app `shop-cart`. Known apps: checkout, payments, search.", lines[1]);
        Assert.Equal("Dry run of `deploy checkout v2.0.0` — nothing was changed. On cluster sandbox it would make 2 changes:", lines[2]);
        Assert.Equal("    • Deployment shop/checkout: spec.template.metadata.labels.track: (none) → stable", lines[3]);
        Assert.Equal("    • Deployment shop/checkout-canary: create (image registry.example/checkout:v2.0.0, 0 replicas, pods labelled track=canary)", lines[4]);
        Assert.Equal("✗ There is no active release. Start one with `deploy <app> <version>`.", lines[5]);
        Assert.Equal("✗ checkout already runs v1.0.0 (registry.example/checkout:v1.0.0); there is nothing to release.", lines[6]);
        Assert.StartsWith("History of checkout, newest first", lines[7]);
        Assert.Contains("refused: `deploy checkout v1.0.0` by console:", lines[8]);
        Assert.Contains("answered: `deploy checkout v2.0.0 --dry-run`", host.Terminal);

        Assert.Null(host.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
        var stable = host.Sandbox.GetObject("Deployment", "shop", "checkout")!;
        Assert.Null(stable["spec"]!["template"]!["metadata"]!["labels"]!["track"]);
    }

    /// <summary>The terminal's lines after the start-up banner.</summary>
    private static List<string> Replies(string terminal) =>
        terminal.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .SkipWhile(l => !l.StartsWith("Type `help`", StringComparison.Ordinal))
            .Skip(1)
            .ToList();
}
