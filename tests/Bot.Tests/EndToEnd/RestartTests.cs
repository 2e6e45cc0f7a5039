using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>What was asked for survives a restart of the bot.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task ReleaseAndHistory_SurviveARestart()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-restart-").FullName;
        await using (var first = await BotTestHost.CreateAsync("deploy checkout v2.0.0\npause checkout\n", dataDirectory: folder))
        {
            await first.RunToEndAsync();
        }

        await using var second = await BotTestHost.CreateAsync("status checkout\nhistory checkout\n", dataDirectory: folder);
        await second.RunToEndAsync();

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(second.Terminal, @"release \w{8} checkout v1\.0\.0 → v2\.0\.0: paused, traffic to canary 0%"), second.Terminal);
        Assert.Contains("Unfinished releases: checkout v1.0.0 → v2.0.0 (Paused, canary at 0%).", second.Terminal);
        Assert.Contains("accepted: `pause checkout` by console:", second.Terminal);
        Assert.Contains("accepted: `deploy checkout v2.0.0` by console:", second.Terminal);
        await second.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task StepLeftOpenByAStoppedBot_IsCarriedOutAtStart()
    {
        var folder = Directory.CreateTempSubdirectory("chatops-recovery-").FullName;
        var conversation = new ConversationRef("console", "terminal");
        var release = Release.Start(
            new NewRelease("checkout", "sandbox", "shop", "v1.0.0", "v3.0.0", "registry.example/checkout:v1.0.0", "registry.example/checkout:v3.0.0", 4, "console:me", conversation),
            DateTimeOffset.UtcNow);
        release.MarkRunning(release.Steps[0].Id, DateTimeOffset.UtcNow);
        using (var db = new LiteDbDatabase(Options.Create(new StorageOptions { DataDirectory = folder })))
        {
            await new LiteDbReleaseStore(db).TryCreateAsync(release, default);
        }

        await using var host = await BotTestHost.CreateAsync(string.Empty, dataDirectory: folder);
        await host.RunToEndAsync();

        Assert.Contains("✓ checkout v3.0.0 is deployed as `checkout-canary` at 0%", host.Terminal);
        Assert.NotNull(host.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
        await host.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
