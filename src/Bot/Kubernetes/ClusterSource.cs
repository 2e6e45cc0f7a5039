using k8s;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Where the main cluster comes from, and the name it gets, as far as configuration alone tells.</summary>
internal static class ClusterSource
{
    public const string Kubeconfig = "kubeconfig";
    public const string InCluster = "in-cluster";
    public const string Sandbox = "sandbox";

    /// <summary>
    /// <c>kubeconfig</c>, <c>in-cluster</c> or <c>sandbox</c>: <c>auto</c> is a kubeconfig when one is set, else the
    /// pod's in-cluster configuration when running in a pod, else the sandbox.
    /// </summary>
    public static string Resolve(KubernetesOptions options)
    {
        var source = options.Source.ToLowerInvariant();
        return source != "auto" ? source
            : !string.IsNullOrWhiteSpace(options.KubeconfigPath) ? Kubeconfig
            : KubernetesClientConfiguration.IsInCluster() ? InCluster
            : Sandbox;
    }

    /// <summary><c>Kubernetes:ClusterName</c> when set, else <paramref name="fallback"/>.</summary>
    public static string Named(KubernetesOptions options, string fallback) =>
        string.IsNullOrWhiteSpace(options.ClusterName) ? fallback : options.ClusterName;

    /// <summary>
    /// The main cluster's name as configuration gives it, or null when it is the current context of a kubeconfig
    /// that cannot be read.
    /// </summary>
    public static string? MainName(KubernetesOptions options)
    {
        var source = Resolve(options);
        if (!string.IsNullOrWhiteSpace(options.ClusterName) || source != Kubeconfig)
        {
            return Named(options, source == InCluster ? InCluster : Sandbox);
        }

        return !string.IsNullOrWhiteSpace(options.Context) ? options.Context : KubeconfigFile.TryLoad(options.KubeconfigPath)?.CurrentContext;
    }
}
