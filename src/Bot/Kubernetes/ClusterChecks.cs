using System.Text.RegularExpressions;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>The start-up checks of <c>Kubernetes:Clusters</c>, each problem a sentence that names the setting.</summary>
internal static partial class ClusterChecks
{
    public static IEnumerable<string> Problems(KubernetesOptions options)
    {
        var clusters = options.Clusters ?? [];
        var main = ClusterSource.MainName(options);
        var onSandbox = ClusterSource.Resolve(options) == ClusterSource.Sandbox;
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, cluster) in clusters)
        {
            var key = $"Kubernetes:Clusters:{name}";
            if (!ValidName().IsMatch(name))
            {
                yield return $"{key} is not a valid cluster name: use letters, digits, '-', '_' and '.', starting and ending with a letter or digit.";
            }

            if (seen.TryGetValue(name, out var first))
            {
                yield return $"Kubernetes:Clusters:{first} and {key} differ only in case; cluster names ignore case, so each cluster needs its own name.";
            }

            seen.TryAdd(name, name);
            if (main is not null && string.Equals(name, main, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{key} has the main cluster's name ('{main}'); each cluster needs its own name.";
            }

            if (!onSandbox)
            {
                foreach (var problem in KubeconfigProblems(key, cluster ?? new ClusterOptions(), options.KubeconfigPath))
                {
                    yield return problem;
                }
            }
        }
    }

    /// <summary>Off the sandbox, an extra cluster is a context of a kubeconfig file that exists.</summary>
    private static IEnumerable<string> KubeconfigProblems(string key, ClusterOptions cluster, string? mainKubeconfig)
    {
        var ownFile = !string.IsNullOrWhiteSpace(cluster.KubeconfigPath);
        var path = ownFile ? cluster.KubeconfigPath : mainKubeconfig;
        if (string.IsNullOrWhiteSpace(cluster.Context))
        {
            yield return $"{key}:Context is empty; off the sandbox each extra cluster is reached through a kubeconfig context.";
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            yield return $"{key} has no kubeconfig: set {key}:KubeconfigPath or Kubernetes:KubeconfigPath.";
        }
        else if (!File.Exists(path))
        {
            // The main kubeconfig's absence is reported once, under its own key.
            if (ownFile)
            {
                yield return $"{key}:KubeconfigPath '{path}' does not exist.";
            }
        }
        else if (!string.IsNullOrWhiteSpace(cluster.Context)
            && KubeconfigFile.TryLoad(path) is { } file
            && !(file.Contexts ?? []).Any(c => c.Name == cluster.Context))
        {
            yield return $"{key}:Context '{cluster.Context}' is not a context of {path}.";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")]
    private static partial Regex ValidName();
}
