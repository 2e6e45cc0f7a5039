using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Sandbox;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>A started sandbox with the checkout app seeded, and the bot's Kubernetes classes wired to it.</summary>
internal sealed class SandboxFixture : IAsyncDisposable
{
    public static readonly AppSpec Checkout = new("checkout", "shop", "checkout", "checkout", null, "replicas", "production");

    public static readonly AppSpec Payments = new("payments", "shop", "payments", "payments", null, "nginx", "production");

    public static readonly AppSpec Search = new("search", "shop", "search", "search", null, "gateway", "production");

    private readonly string _folder;

    private SandboxFixture(SandboxCluster sandbox, string folder, KubernetesClientConfiguration config)
    {
        Sandbox = sandbox;
        _folder = folder;
        Config = config;
    }

    public SandboxCluster Sandbox { get; }

    public KubernetesClientConfiguration Config { get; }

    public static async Task<SandboxFixture> StartAsync(TimeSpan? podReadyDelay = null, int replicas = 4)
    {
        var sandbox = await SandboxCluster.StartAsync(
            new SandboxOptions { PodReadyDelay = podReadyDelay ?? TimeSpan.FromMilliseconds(30) }, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        await sandbox.SeedAsync(
        [
            new SandboxWorkload("shop", "checkout", replicas, "registry.example/checkout:v1.0.0", "checkout"),
            new SandboxWorkload("shop", "payments", replicas, "registry.example/payments:v3.1.0", "payments") { Entry = SandboxEntry.Ingress("payments.example") },
            new SandboxWorkload("shop", "search", replicas, "registry.example/search:v5.2.0", "search") { Entry = SandboxEntry.HttpRoute("search.example") },
        ], CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("chatops-k8s-").FullName;
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.WriteKubeconfig(Path.Combine(folder, "kubeconfig")));
        return new SandboxFixture(sandbox, folder, config);
    }

    public KubernetesWorkloads Workloads(KubernetesOptions? options = null, params DelegatingHandler[] handlers)
    {
        var settings = Options.Create(options ?? FastOptions());
        return Workloads(new k8s.Kubernetes(Config, handlers), settings, Retry(settings));
    }

    /// <summary>Short waits, so that a test's retries and rollouts take little time.</summary>
    public static KubernetesOptions FastOptions() => new()
    {
        RolloutPollInterval = TimeSpan.FromMilliseconds(20),
        RolloutTimeout = TimeSpan.FromSeconds(20),
        RetryDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    private static KubernetesWorkloads Workloads(k8s.Kubernetes client, IOptions<KubernetesOptions> settings, KubernetesRetry retry) =>
        new(client, retry, new DeploymentWriter(client, retry), new RolloutWaiter(client, retry, settings, TimeProvider.System), NullLogger<KubernetesWorkloads>.Instance);

    public static KubernetesRetry Retry(IOptions<KubernetesOptions> settings) => new(settings, TimeProvider.System, NullLogger<KubernetesRetry>.Instance);

    /// <summary>A router by name, wired to this sandbox like the bot wires it.</summary>
    public ITrafficRouter Router(string name, params DelegatingHandler[] handlers)
    {
        var client = new k8s.Kubernetes(Config, handlers);
        var settings = Options.Create(FastOptions());
        var retry = Retry(settings);
        var workloads = Workloads(client, settings, retry);
        var blueGreen = new BlueGreenTraffic(workloads, new CanaryServices(client, retry), new StableServicePin(client, retry), new AppCatalog([Checkout, Payments, Search]));
        return name switch
        {
            NginxIngressRouter.ProviderName => new NginxIngressRouter(workloads, new CanaryServices(client, retry), new StableServicePin(client, retry), new NginxCanaryIngress(client, retry), blueGreen),
            GatewayRouter.ProviderName => new GatewayRouter(workloads, new CanaryServices(client, retry), new StableServicePin(client, retry), new GatewayRoutes(client, retry), blueGreen),
            _ => new ReplicaRatioRouter(workloads, blueGreen),
        };
    }

    /// <summary>A release of <paramref name="app"/> from the seeded version to <paramref name="version"/>, as deploy records it.</summary>
    public static Release ReleaseOf(AppSpec app, string from, string to) => Release.Start(
        new NewRelease(app.Name, "sandbox", app.Namespace, from, to, $"registry.example/{app.Name}:{from}", $"registry.example/{app.Name}:{to}", 4,
            "console:me", new ChatOpsRelease.Commands.Ports.ConversationRef("console", "terminal")),
        DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
