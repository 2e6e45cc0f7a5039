using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

internal static class DeploymentReads
{
    /// <summary>Reads a Deployment, or null when it does not exist; other failures become <see cref="Commands.Ports.ClusterException"/>.</summary>
    public static Task<V1Deployment?> TryReadDeploymentAsync(this IKubernetes client, string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesErrors.Translate($"read Deployment {@namespace}/{name}", async () =>
        {
            try
            {
                return await client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
            {
                return (V1Deployment?)null;
            }
        });
}
