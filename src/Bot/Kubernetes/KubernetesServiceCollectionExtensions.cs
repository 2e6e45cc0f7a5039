using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Commands.Ports;
using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>The name a traffic router is chosen by, known before any router is built (so configuration can be checked first).</summary>
internal sealed record TrafficRouterName(string Name);

internal static class KubernetesServiceCollectionExtensions
{
    public static IServiceCollection AddTrafficRouter<TRouter>(this IServiceCollection services, string name)
        where TRouter : class, ITrafficRouter
    {
        services.AddSingleton(new TrafficRouterName(name));
        services.AddSingleton<ITrafficRouter, TRouter>();
        return services;
    }

    /// <summary>
    /// The cluster connection (kubeconfig, in-cluster or sandbox), the workloads and flag maps ports and the traffic
    /// routers of the main cluster, and <see cref="IClusters"/> with every cluster's own.
    /// </summary>
    public static IServiceCollection AddKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubernetesOptions>().Bind(configuration.GetSection(KubernetesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>();
        services.AddOptions<SandboxSettings>().Bind(configuration.GetSection(SandboxSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxSettings>, SandboxSettingsValidator>();

        services.AddSingleton<SandboxLauncher>();
        services.AddSingleton<ClusterConnection>();
        services.AddSingleton(sp => sp.GetRequiredService<ClusterConnection>().Info);
        services.AddSingleton<IKubernetes>(sp => sp.GetRequiredService<ClusterConnection>().CreateClient());
        services.AddClusterTools();
        services.AddSingleton<IClusters, KubernetesClusters>();
        return services;
    }

    /// <summary>
    /// The workloads port, the flag maps port, the traffic routers and their helpers, all built on the one <see cref="IKubernetes"/> of
    /// the container: the root container's for the main cluster, a cluster's own container for each extra one.
    /// </summary>
    internal static IServiceCollection AddClusterTools(this IServiceCollection services)
    {
        services.AddSingleton<KubernetesRetry>();
        services.AddSingleton<DeploymentWriter>();
        services.AddSingleton<RolloutWaiter>();
        services.AddSingleton<IWorkloads, KubernetesWorkloads>();
        services.AddSingleton<IFlagMaps, KubernetesFlagMaps>();
        services.AddSingleton<CanaryServices>();
        services.AddSingleton<StableServicePin>();
        services.AddSingleton<NginxCanaryIngress>();
        services.AddSingleton<GatewayRoutes>();
        services.AddSingleton<BlueGreenTraffic>();
        services.AddTrafficRouter<ReplicaRatioRouter>(ReplicaRatioRouter.ProviderName);
        services.AddTrafficRouter<NginxIngressRouter>(NginxIngressRouter.ProviderName);
        services.AddTrafficRouter<GatewayRouter>(GatewayRouter.ProviderName);
        return services;
    }
}
