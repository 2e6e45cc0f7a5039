namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Which cluster the bot talks to, for the start-up announcement and for releases.</summary>
/// <param name="Name">The name releases record.</param>
/// <param name="Server">The API server address.</param>
/// <param name="Simulated">True for the built-in sandbox.</param>
/// <param name="KubeconfigPath">A kubeconfig people can use to look at the same cluster, when there is one.</param>
public sealed record ClusterInfo(string Name, string Server, bool Simulated, string? KubeconfigPath)
{
    public string Announcement => Simulated
        ? $"Cluster: {Name} — SIMULATED by the built-in sandbox, not a real cluster (API at {Server}). "
            + $"Look with: kubectl --kubeconfig {KubeconfigPath} get deployments,services,pods -A"
        : $"Cluster: {Name} ({Server}).";
}
