using k8s;
using k8s.KubeConfigModels;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Reads a kubeconfig for checking configuration. An unreadable one (bad YAML, no access) is left for the connection
/// to report with KubernetesClient's own words.
/// </summary>
internal static class KubeconfigFile
{
    public static K8SConfiguration? TryLoad(string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }
}
