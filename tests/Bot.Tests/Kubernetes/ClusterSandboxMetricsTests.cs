using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>The <c>sandbox</c> metric source reads the simulated traffic of the cluster the release runs in.</summary>
public sealed class ClusterSandboxMetricsTests
{
    [Fact]
    public async Task TheSandboxSource_ReadsTheTrafficOfTheReleasesCluster()
    {
        var settings = KubernetesClustersTests.TwoExtraClusters();
        foreach (var (key, value) in BusyTraffic.Settings())
        {
            settings[key] = value;
        }

        await using var host = await BotTestHost.CreateAsync(string.Empty, settings);
        var app = host.App.Services.GetRequiredService<AppCatalog>().Find("checkout")!;
        var release = SandboxFixture.ReleaseOf(app, "v1.0.0", "v2.0.0");
        var frankfurt = host.App.Services.GetRequiredService<IClusters>().Find("frankfurt")!;
        await frankfurt.Routers.For(app).ChangeAsync(app, release, TrafficTarget.Canary(50), ChangeMode.Apply, CancellationToken.None);
        await BusyTraffic.WaitForBothTracksAsync(host.SandboxOf("frankfurt"));
        var source = host.App.Services.GetServices<IMetricSource>().Single(s => s.Name == "sandbox");
        var window = MetricWindow.Ending(DateTimeOffset.UtcNow.AddSeconds(1), TimeSpan.FromMinutes(5));

        var inFrankfurt = await FetchAsync(source, app, release, "frankfurt", window);
        var inMain = await FetchAsync(source, app, release, string.Empty, window);
        var inMainByName = await FetchAsync(source, app, release, "Sandbox", window);
        var elsewhere = await FetchAsync(source, app, release, "tokyo", window);

        Assert.True(inFrankfurt.Data?.Canary.Buckets.Sum(b => b.Requests) >= 2000, inFrankfurt.NoData);
        Assert.Equal("v2.0.0", inFrankfurt.Data!.Canary.Version);
        Assert.Equal("the sandbox saw no requests to the canary of checkout in the last 5 min", inMain.NoData);
        Assert.Equal(inMain.NoData, inMainByName.NoData);
        Assert.Equal("the release ran on cluster tokyo, which the sandbox does not simulate (it simulates sandbox, frankfurt, virginia)", elsewhere.NoData);
    }

    private static Task<MetricsResult> FetchAsync(IMetricSource source, AppSpec app, Release release, string cluster, MetricWindow window)
    {
        release.Cluster = cluster;
        return source.FetchAsync(app, release, window, CancellationToken.None);
    }
}
