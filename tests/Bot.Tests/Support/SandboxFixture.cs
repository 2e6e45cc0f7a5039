using ChatOpsRelease.Bot.Kubernetes;
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
        await sandbox.SeedAsync([new SandboxWorkload("shop", "checkout", replicas, "registry.example/checkout:v1.0.0", "checkout")], CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("chatops-k8s-").FullName;
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.WriteKubeconfig(Path.Combine(folder, "kubeconfig")));
        return new SandboxFixture(sandbox, folder, config);
    }

    public KubernetesWorkloads Workloads(KubernetesOptions? options = null, params DelegatingHandler[] handlers)
    {
        var client = new k8s.Kubernetes(Config, handlers);
        var settings = Options.Create(options ?? new KubernetesOptions { RolloutPollInterval = TimeSpan.FromMilliseconds(20), RolloutTimeout = TimeSpan.FromSeconds(20) });
        return new KubernetesWorkloads(
            client,
            new DeploymentWriter(client, new ConflictRetry(settings, TimeProvider.System)),
            new RolloutWaiter(client, settings, TimeProvider.System),
            NullLogger<KubernetesWorkloads>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
