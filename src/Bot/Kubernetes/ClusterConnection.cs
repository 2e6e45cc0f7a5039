using ChatOpsRelease.Bot.Releases;
using ChatOpsRelease.Sandbox;
using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Decides which cluster the bot talks to — a kubeconfig, the pod's in-cluster configuration, or the built-in
/// sandbox, which it starts and seeds — and hands out the client for it. Connected once, before the host starts.
/// </summary>
internal sealed partial class ClusterConnection(
    IOptions<KubernetesOptions> kubernetes,
    IOptions<SandboxSettings> sandbox,
    IConfiguration configuration,
    TimeProvider time,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private KubernetesClientConfiguration? _config;
    private SandboxCluster? _sandbox;

    public ClusterInfo Info { get; private set; } = new("unconnected", string.Empty, false, null);

    /// <summary>The started sandbox, when the bot runs on it.</summary>
    public SandboxCluster? Sandbox => _sandbox;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = kubernetes.Value;
        var source = options.Source.ToLowerInvariant();
        if (source == "auto")
        {
            source = !string.IsNullOrWhiteSpace(options.KubeconfigPath) ? "kubeconfig"
                : KubernetesClientConfiguration.IsInCluster() ? "in-cluster"
                : "sandbox";
        }

        switch (source)
        {
            case "kubeconfig":
                _config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, string.IsNullOrWhiteSpace(options.Context) ? null : options.Context);
                Info = new ClusterInfo(Named(options, _config.CurrentContext ?? "kubeconfig"), _config.Host, false, options.KubeconfigPath);
                break;
            case "in-cluster":
                _config = KubernetesClientConfiguration.InClusterConfig();
                Info = new ClusterInfo(Named(options, "in-cluster"), _config.Host, false, null);
                break;
            default:
                await StartSandboxAsync(options, cancellationToken).ConfigureAwait(false);
                break;
        }

        _config!.HttpClientTimeout = options.RequestTimeout;
        LogConnected(loggers.CreateLogger<ClusterConnection>(), Info.Name, Info.Server, Info.Simulated);
    }

    public IKubernetes CreateClient() =>
        new k8s.Kubernetes(_config ?? throw new InvalidOperationException("The cluster connection is used before ConnectAsync ran."));

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartSandboxAsync(KubernetesOptions options, CancellationToken cancellationToken)
    {
        var settings = sandbox.Value;
        var apps = new AppsOptions();
        AppsOptions.Bind(configuration, apps);
        _sandbox = await SandboxCluster.StartAsync(
            new Sandbox.SandboxOptions { Port = settings.Port, PodReadyDelay = settings.PodReadyDelay, Traffic = settings.Traffic },
            time,
            loggers,
            cancellationToken).ConfigureAwait(false);
        var seeds = settings.Seed
            .Select(s => (Seed: s.Value, App: apps.Apps.GetValueOrDefault(s.Key)?.ToSpec(s.Key)))
            .Where(s => s.App is not null)
            .Select(s => new SandboxWorkload(s.App!.Namespace, s.App.Deployment, s.Seed.Replicas, s.Seed.Image, s.App.Service, s.Seed.Port)
            {
                Entry = EntryFor(s.App, s.Seed),
            });
        var seeded = seeds.ToList();
        await _sandbox.SeedAsync(seeded, cancellationToken).ConfigureAwait(false);
        await WaitUntilServingAsync(_sandbox, seeded, options.RolloutTimeout, cancellationToken).ConfigureAwait(false);
        var kubeconfig = _sandbox.WriteKubeconfig(Path.GetFullPath(settings.KubeconfigPath));
        _config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), kubeconfig);
        Info = new ClusterInfo(Named(options, "sandbox"), _sandbox.BaseAddress.ToString().TrimEnd('/'), true,
            shown.StartsWith("..", StringComparison.Ordinal) ? kubeconfig : shown);
    }

    /// <summary>Seeded pods take a moment to become ready; a release needs a healthy stable version to start from.</summary>
    private async Task WaitUntilServingAsync(SandboxCluster cluster, List<SandboxWorkload> seeded, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (seeded.Any(w => !Serving(cluster.GetObject("Deployment", w.Namespace, w.Name))) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Serving(System.Text.Json.Nodes.JsonObject? deployment) =>
        deployment is not null && RolloutWaiter.IsComplete(KubernetesJson.Deserialize<k8s.Models.V1Deployment>(deployment.ToJsonString()));

    /// <summary>The Ingress or HTTPRoute a router needs in front of the app, as the example manifests have it.</summary>
    private static SandboxEntry? EntryFor(Commands.Releases.AppSpec app, SandboxSeed seed) => app.Router switch
    {
        Routers.NginxIngressRouter.ProviderName => SandboxEntry.Ingress(seed.Host ?? $"{app.Name}.example"),
        Routers.GatewayRouter.ProviderName => SandboxEntry.HttpRoute(seed.Host ?? $"{app.Name}.example"),
        _ => null,
    };

    private static string Named(KubernetesOptions options, string fallback) =>
        string.IsNullOrWhiteSpace(options.ClusterName) ? fallback : options.ClusterName;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Name} at {Server} (simulated: {Simulated})")]
    private static partial void LogConnected(ILogger logger, string name, string server, bool simulated);
}
