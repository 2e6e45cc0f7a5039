using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

internal static class DeploymentReads
{
    /// <summary>
    /// Reads a Deployment (repeated on failures on the way), or null when it does not exist; what still fails becomes
    /// a <see cref="Commands.Ports.ClusterException"/>.
    /// </summary>
    public static Task<V1Deployment?> TryReadDeploymentAsync(
        this IKubernetes client, KubernetesRetry retry, string @namespace, string name, CancellationToken cancellationToken) =>
        retry.ReadAsync($"read Deployment {@namespace}/{name}", ct => client.TryGetDeploymentAsync(@namespace, name, ct), cancellationToken);

    /// <summary>One attempt to read a Deployment: null when it does not exist, the API's failure otherwise.</summary>
    public static Task<V1Deployment?> TryGetDeploymentAsync(this IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesErrors.NullWhenMissingAsync(client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace, cancellationToken: cancellationToken));
}
