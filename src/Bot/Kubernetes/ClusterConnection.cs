using ChatOpsRelease.Sandbox;
using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Decides which clusters the bot talks to — the main one through a kubeconfig, the pod's in-cluster configuration or
/// the built-in sandbox, and the extra ones of <c>Kubernetes:Clusters</c> through kubeconfig contexts or sandboxes of
/// their own — and hands out clients for them. Connected once, before the host starts.
/// </summary>
internal sealed partial class ClusterConnection(
    IOptions<KubernetesOptions> kubernetes,
    IOptions<SandboxSettings> sandbox,
    SandboxLauncher launcher,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private static readonly ClusterInfo Unconnected = new("unconnected", string.Empty, false, null);

    private readonly List<ConnectedCluster> _clusters = [];

    /// <summary>The main cluster.</summary>
    public ClusterInfo Info => _clusters.Count > 0 ? _clusters[0].Info : Unconnected;

    /// <summary>Every cluster, the main one first, then the extra ones by name.</summary>
    public IReadOnlyList<ClusterInfo> Clusters => [.. _clusters.Select(c => c.Info)];

    /// <summary>The main cluster's started sandbox, when the bot runs on the sandbox.</summary>
    public SandboxCluster? Sandbox => _clusters.Count > 0 ? _clusters[0].Sandbox : null;

    /// <summary>
    /// The sandbox simulating <paramref name="cluster"/> (the main one when empty), or null when the bot is not on the
    /// sandbox or has no cluster of that name.
    /// </summary>
    public SandboxCluster? SandboxFor(string? cluster) => string.IsNullOrEmpty(cluster) ? Sandbox : Find(cluster)?.Sandbox;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = kubernetes.Value;
        var extras = (options.Clusters ?? []).OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).ToList();
        switch (ClusterSource.Resolve(options))
        {
            case ClusterSource.Kubeconfig:
                var main = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, string.IsNullOrWhiteSpace(options.Context) ? null : options.Context);
                _clusters.Add(new(new ClusterInfo(ClusterSource.Named(options, main.CurrentContext ?? "kubeconfig"), main.Host, false, options.KubeconfigPath), main, null));
                _clusters.AddRange(extras.Select(e => FromKubeconfig(e.Key, e.Value, options)));
                break;
            case ClusterSource.InCluster:
                var pod = KubernetesClientConfiguration.InClusterConfig();
                _clusters.Add(new(new ClusterInfo(ClusterSource.Named(options, ClusterSource.InCluster), pod.Host, false, null), pod, null));
                _clusters.AddRange(extras.Select(e => FromKubeconfig(e.Key, e.Value, options)));
                break;
            default:
                await StartSandboxesAsync(options, [.. extras.Select(e => e.Key)], cancellationToken).ConfigureAwait(false);
                break;
        }

        var logger = loggers.CreateLogger<ClusterConnection>();
        foreach (var cluster in _clusters)
        {
            cluster.Config.HttpClientTimeout = options.RequestTimeout;
            LogConnected(logger, cluster.Info.Name, cluster.Info.Server, cluster.Info.Simulated);
        }

        if (_clusters.DistinctBy(c => c.Info.Name, StringComparer.OrdinalIgnoreCase).Count() != _clusters.Count)
        {
            throw new InvalidOperationException(
                $"Two clusters have the same name ({string.Join(", ", _clusters.Select(c => c.Info.Name))}); give each entry of Kubernetes:Clusters its own name.");
        }
    }

    /// <summary>A client for the main cluster.</summary>
    public IKubernetes CreateClient() => CreateClient(Info.Name);

    /// <summary>A client for the cluster called <paramref name="cluster"/> (ignoring case).</summary>
    public IKubernetes CreateClient(string cluster)
    {
        if (_clusters.Count == 0)
        {
            throw new InvalidOperationException("The cluster connection is used before ConnectAsync ran.");
        }

        return new k8s.Kubernetes((Find(cluster) ?? throw new ArgumentException($"There is no cluster '{cluster}'.", nameof(cluster))).Config);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var simulated in _clusters.Select(c => c.Sandbox).OfType<SandboxCluster>())
        {
            await simulated.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ConnectedCluster? Find(string cluster) =>
        _clusters.Find(c => string.Equals(c.Info.Name, cluster, StringComparison.OrdinalIgnoreCase));

    private static ConnectedCluster FromKubeconfig(string name, ClusterOptions cluster, KubernetesOptions options)
    {
        var path = string.IsNullOrWhiteSpace(cluster.KubeconfigPath) ? options.KubeconfigPath : cluster.KubeconfigPath;
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path, cluster.Context);
        return new ConnectedCluster(new ClusterInfo(name, config.Host, false, path), config, null);
    }

    /// <summary>
    /// One sandbox for the main cluster (on <c>Sandbox:Port</c>) and one for each extra cluster (on a free port), and
    /// one kubeconfig with a context for each, named like the cluster, the main one current.
    /// </summary>
    private async Task StartSandboxesAsync(KubernetesOptions options, List<string> extras, CancellationToken cancellationToken)
    {
        var settings = sandbox.Value;
        List<string> names = [ClusterSource.Named(options, ClusterSource.Sandbox), .. extras];
        var started = await launcher.StartAsync([settings.Port, .. extras.Select(_ => 0)], cancellationToken).ConfigureAwait(false);
        var simulated = names.Zip(started, KeyValuePair.Create).ToList();
        try
        {
            var kubeconfig = SandboxCluster.WriteKubeconfig(Path.GetFullPath(settings.KubeconfigPath), simulated);
            var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), kubeconfig);
            shown = shown.StartsWith("..", StringComparison.Ordinal) ? kubeconfig : shown;
            _clusters.AddRange(simulated.Select(s => new ConnectedCluster(
                new ClusterInfo(s.Key, s.Value.BaseAddress.ToString().TrimEnd('/'), true, shown),
                KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, s.Key),
                s.Value)));
        }
        catch
        {
            _clusters.Clear();
            foreach (var cluster in started)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Name} at {Server} (simulated: {Simulated})")]
    private static partial void LogConnected(ILogger logger, string name, string server, bool simulated);
}
