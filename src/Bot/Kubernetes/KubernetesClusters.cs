using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// The clusters of <see cref="ClusterConnection"/> as the core sees them: the main one with the bot's own routers,
/// workloads and flag maps, each extra one with routers, workloads and flag maps of its own that talk only to it.
/// </summary>
internal sealed class KubernetesClusters : IClusters, IAsyncDisposable
{
    private readonly Dictionary<string, ClusterTools> _tools = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ClusterToolsProvider> _extras = [];

    public KubernetesClusters(
        ClusterConnection connection,
        RouterSet routers,
        IWorkloads workloads,
        IFlagMaps flags,
        IOptions<KubernetesOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        AppCatalog? apps = null)
    {
        Default = connection.Info.Name;
        _tools.Add(Default, new ClusterTools(Default, routers, workloads, flags));
        foreach (var extra in connection.Clusters.Skip(1))
        {
            var provider = new ClusterToolsProvider(extra.Name, connection, options, time, loggers, apps);
            _extras.Add(provider);
            _tools.Add(extra.Name, provider.Tools);
        }

        Names = [.. connection.Clusters.Select(c => c.Name)];
    }

    public string Default { get; }

    public IReadOnlyList<string> Names { get; }

    public ClusterTools? Find(string name) => _tools.GetValueOrDefault(name);

    public async ValueTask DisposeAsync()
    {
        foreach (var extra in _extras)
        {
            await extra.DisposeAsync().ConfigureAwait(false);
        }
    }
}
