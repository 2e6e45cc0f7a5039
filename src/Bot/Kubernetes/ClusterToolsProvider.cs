using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// The routers, workloads and flag maps of one extra cluster: a container of their own, registered as for the main cluster but
/// on that cluster's <see cref="IKubernetes"/>, sharing the bot's options, clock, logging and apps.
/// </summary>
internal sealed class ClusterToolsProvider : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ClusterToolsProvider(
        string cluster,
        ClusterConnection connection,
        IOptions<KubernetesOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        AppCatalog? apps = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IKubernetes>(_ => connection.CreateClient(cluster));
        if (apps is not null)
        {
            services.AddSingleton(apps);
        }

        services.AddClusterTools();
        services.AddSingleton<RouterSet>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Tools = new ClusterTools(cluster, _services.GetRequiredService<RouterSet>(), _services.GetRequiredService<IWorkloads>(), _services.GetRequiredService<IFlagMaps>());
    }

    public ClusterTools Tools { get; }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
