using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Commands.Ports;
using k8s;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

internal static class KubernetesServiceCollectionExtensions
{
    /// <summary>The cluster connection (kubeconfig, in-cluster or sandbox), the workloads port and the traffic routers.</summary>
    public static IServiceCollection AddKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubernetesOptions>().Bind(configuration.GetSection(KubernetesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>();
        services.AddOptions<SandboxSettings>().Bind(configuration.GetSection(SandboxSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxSettings>, SandboxSettingsValidator>();

        services.AddSingleton<ClusterConnection>();
        services.AddSingleton(sp => sp.GetRequiredService<ClusterConnection>().Info);
        services.AddSingleton<IKubernetes>(sp => sp.GetRequiredService<ClusterConnection>().CreateClient());
        services.AddSingleton<DeploymentWriter>();
        services.AddSingleton<RolloutWaiter>();
        services.AddSingleton<IWorkloads, KubernetesWorkloads>();
        services.AddSingleton<ITrafficRouter, ReplicaRatioRouter>();
        return services;
    }
}
