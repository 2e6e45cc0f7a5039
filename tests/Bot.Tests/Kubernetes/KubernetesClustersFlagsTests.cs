using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>Each cluster of the bot has flag maps of its own, which write to that cluster only.</summary>
public sealed class KubernetesClustersFlagsTests
{
    [Fact]
    public async Task AFlagChangeInFrankfurt_WritesTheMapThereOnly_WithFrankfurtsOwnFlagMaps()
    {
        await using var host = await BotTestHost.CreateAsync(string.Empty, KubernetesClustersTests.TwoExtraClusters());
        var clusters = host.App.Services.GetRequiredService<IClusters>();
        var main = clusters.Find(clusters.Default)!;
        var frankfurt = clusters.Find("frankfurt")!;
        var app = SandboxFixture.Checkout;

        var (_, after) = await frankfurt.Flags.ChangeAsync(app, set => set.With(new FeatureFlag { Name = "new-checkout", Enabled = true }), CancellationToken.None);

        Assert.Same(host.App.Services.GetRequiredService<IFlagMaps>(), main.Flags);
        Assert.NotSame(main.Flags, frankfurt.Flags);
        Assert.NotSame(frankfurt.Flags, clusters.Find("virginia")!.Flags);
        Assert.Equal("new-checkout", Assert.Single(after.Flags).Name);
        Assert.NotNull(host.SandboxOf("frankfurt").GetObject("ConfigMap", "shop", app.FlagMap));
        Assert.All(["sandbox", "virginia"], untouched => Assert.Null(host.SandboxOf(untouched).GetObject("ConfigMap", "shop", app.FlagMap)));
        Assert.Empty((await main.Flags.ReadAsync(app, CancellationToken.None)).Flags);
    }
}
