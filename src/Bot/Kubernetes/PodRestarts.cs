using System.Collections.Concurrent;
using System.Globalization;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>The restarts of one side's pods: how many pods, their containers' restarts, and the reasons their containers last ended.</summary>
internal sealed record PodRestartCount(int Pods, int Restarts, IReadOnlyDictionary<string, int> LastReasons, string Selector)
{
    /// <summary>"OOMKilled ×2, Error ×1", the most frequent first; null when no container has ended.</summary>
    public string? Note => LastReasons.Count == 0
        ? null
        : string.Join(", ", LastReasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Key} ×{r.Value.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// Reads the restart counts of a release's pods from the Kubernetes API of the release's cluster: the pods a side's
/// Deployment selects (the stable one, or <c>&lt;deployment&gt;-canary</c>) that carry the side's <c>track</c> label — the
/// label the canary's pod template adds and the stable pods get when a release starts.
/// </summary>
internal sealed class PodRestarts(Func<string, IKubernetes> clientFor, KubernetesRetry retry) : IDisposable
{
    private readonly ConcurrentDictionary<string, IKubernetes> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the clusters of <paramref name="connection"/>: a release's cluster by its name, the main one when it names none.</summary>
    public static PodRestarts On(ClusterConnection connection, KubernetesRetry retry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new PodRestarts(
            name => string.IsNullOrEmpty(name) ? connection.CreateClient()
                : connection.Clusters.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ? connection.CreateClient(name)
                : throw new ClusterException($"the release ran on cluster {name}, which the bot is not connected to (it knows {string.Join(", ", connection.Clusters.Select(c => c.Name))})"),
            retry);
    }

    /// <summary>The pods and restarts of the canary (or the stable side), or null when its Deployment does not exist.</summary>
    public async Task<PodRestartCount?> ReadAsync(string cluster, AppSpec app, bool canary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = _clients.GetOrAdd(cluster, clientFor);
        var (name, track) = canary ? (app.CanaryDeployment, "canary") : (app.Deployment, "stable");
        if (await client.TryReadDeploymentAsync(retry, app.Namespace, name, cancellationToken).ConfigureAwait(false) is not { } deployment)
        {
            return null;
        }

        var selector = Selector(deployment.Spec?.Selector, track);
        var pods = await retry.ReadAsync(
            $"list the pods of {app.Namespace}/{name} ({selector})",
            ct => client.CoreV1.ListNamespacedPodAsync(app.Namespace, labelSelector: selector, cancellationToken: ct),
            cancellationToken).ConfigureAwait(false);
        var statuses = pods.Items.SelectMany(p => p.Status?.ContainerStatuses ?? []).ToList();
        var reasons = statuses
            .Select(s => s.LastState?.Terminated?.Reason)
            .OfType<string>()
            .GroupBy(r => r, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new PodRestartCount(pods.Items.Count, statuses.Sum(s => s.RestartCount), reasons, selector);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    /// <summary>The Deployment's selector with <c>track</c> set to <paramref name="track"/>, as a label selector string.</summary>
    internal static string Selector(V1LabelSelector? selector, string track)
    {
        var labels = CanaryManifest.WithTrack(selector?.MatchLabels, track);
        var parts = labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}").ToList();
        foreach (var expression in selector?.MatchExpressions ?? [])
        {
            var values = string.Join(",", expression.Values ?? []);
            parts.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "DoesNotExist" => $"!{expression.Key}",
                _ => expression.Key,
            });
        }

        return string.Join(",", parts);
    }
}
