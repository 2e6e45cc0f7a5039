using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>The bot on the sandbox with two clusters besides the main one: each simulated on its own, each with its own tools.</summary>
public sealed class KubernetesClustersTests : IAsyncLifetime
{
    private BotTestHost? _host;

    private BotTestHost Host => _host ?? throw new InvalidOperationException("not started");

    private IClusters Clusters => Host.App.Services.GetRequiredService<IClusters>();

    public async Task InitializeAsync() => _host = await BotTestHost.CreateAsync(string.Empty, TwoExtraClusters());

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>frankfurt and virginia besides the main sandbox.</summary>
    internal static Dictionary<string, string?> TwoExtraClusters() => new()
    {
        ["Kubernetes:Clusters:frankfurt:Context"] = "frankfurt",
        ["Kubernetes:Clusters:virginia:Context"] = "virginia",
    };

    [Fact]
    public void TheBot_HasThreeClusters_TheMainOneFirst_EachOnItsOwnSandbox()
    {
        Assert.Equal("sandbox", Clusters.Default);
        Assert.Equal(["sandbox", "frankfurt", "virginia"], Clusters.Names);
        Assert.Equal("frankfurt", Clusters.Find("FrankFurt")?.Name);
        Assert.Null(Clusters.Find("tokyo"));
        var addresses = Clusters.Names.Select(n => Host.SandboxOf(n).BaseAddress).ToList();
        Assert.Equal(3, addresses.Distinct().Count());
        Assert.Same(Host.Sandbox, Host.SandboxOf("sandbox"));
        Assert.All(Clusters.Names, n => Assert.NotNull(Host.SandboxOf(n).GetObject("Deployment", "shop", "checkout")));
    }

    [Fact]
    public void TheMainCluster_UsesTheBotsOwnRoutersAndWorkloads_TheOthersTheirOwn()
    {
        var main = Clusters.Find(Clusters.Default)!;
        var frankfurt = Clusters.Find("frankfurt")!;
        var virginia = Clusters.Find("virginia")!;

        Assert.Same(Host.App.Services.GetRequiredService<RouterSet>(), main.Routers);
        Assert.Same(Host.App.Services.GetRequiredService<IWorkloads>(), main.Workloads);
        Assert.NotSame(main.Workloads, frankfurt.Workloads);
        Assert.NotSame(frankfurt.Workloads, virginia.Workloads);
        Assert.Equal(main.Routers.Names.Order(), frankfurt.Routers.Names.Order());
        Assert.NotSame(main.Routers.For(Checkout()), frankfurt.Routers.For(Checkout()));
    }

    [Fact]
    public async Task ARouterChangeInFrankfurt_CreatesTheCanaryThereOnly()
    {
        var app = Checkout();
        var frankfurt = Clusters.Find("frankfurt")!;

        var changes = await frankfurt.Routers.For(app).ChangeAsync(app, SandboxFixture.ReleaseOf(app, "v1.0.0", "v2.0.0"), TrafficTarget.Canary(25), ChangeMode.Apply, CancellationToken.None);

        Assert.NotEmpty(changes);
        var canary = Host.SandboxOf("frankfurt").GetObject("Deployment", "shop", app.CanaryDeployment);
        Assert.NotNull(canary);
        Assert.Equal(1, canary["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(3, Host.SandboxOf("frankfurt").GetObject("Deployment", "shop", "checkout")!["spec"]!["replicas"]!.GetValue<int>());
        foreach (var untouched in new[] { "sandbox", "virginia" })
        {
            Assert.Null(Host.SandboxOf(untouched).GetObject("Deployment", "shop", app.CanaryDeployment));
            Assert.Equal(4, Host.SandboxOf(untouched).GetObject("Deployment", "shop", "checkout")!["spec"]!["replicas"]!.GetValue<int>());
        }

        var read = await frankfurt.Workloads.ReadAsync(app, CancellationToken.None);
        Assert.NotNull(read.Canary);
        Assert.Null((await Clusters.Find("virginia")!.Workloads.ReadAsync(app, CancellationToken.None)).Canary);
    }

    [Fact]
    public async Task TheSandboxKubeconfig_HasAContextPerCluster_AndVirginiaReachesTheVirginiaSandbox()
    {
        var path = Path.Combine(Host.DataDirectory, "sandbox.kubeconfig");
        var file = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(path));

        Assert.Equal(["sandbox", "frankfurt", "virginia"], file.Contexts.Select(c => c.Name));
        Assert.Equal("sandbox", file.CurrentContext);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "virginia");
        using var client = new k8s.Kubernetes(config);
        await client.AppsV1.DeleteNamespacedDeploymentAsync("checkout", "shop");
        Assert.Null(Host.SandboxOf("virginia").GetObject("Deployment", "shop", "checkout"));
        Assert.NotNull(Host.SandboxOf("frankfurt").GetObject("Deployment", "shop", "checkout"));
        Assert.NotNull(Host.Sandbox.GetObject("Deployment", "shop", "checkout"));
    }

    [Fact]
    public void EveryClustersRouters_NameTheAppsPreviewService_ForABlueGreenRelease()
    {
        var app = Checkout();
        var release = SandboxFixture.ReleaseOf(app, "v1.0.0", "v2.0.0");
        release.Strategy = ReleaseStrategy.BlueGreen;

        var details = Clusters.Names.Select(n => Clusters.Find(n)!.Routers.For(app).Preview(release, TrafficTarget.Preview).Detail).ToList();

        Assert.All(details, d => Assert.Contains($"through Service shop/{app.CanaryService}", d, StringComparison.Ordinal));
    }

    private AppSpec Checkout() => Host.App.Services.GetRequiredService<AppCatalog>().Find("checkout")!;
}
