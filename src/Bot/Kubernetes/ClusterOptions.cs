namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// One cluster besides the main one, keyed by its name under <c>Kubernetes:Clusters</c>: a context of the main
/// kubeconfig, or of another file. On the sandbox every cluster is simulated and neither setting is used.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The kubeconfig context that reaches this cluster.</summary>
    public string? Context { get; set; }

    /// <summary>The kubeconfig file that has <see cref="Context"/>; <c>Kubernetes:KubeconfigPath</c> when empty.</summary>
    public string? KubeconfigPath { get; set; }
}
