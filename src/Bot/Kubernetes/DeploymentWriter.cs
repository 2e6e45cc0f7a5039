using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Makes planned edits: updates read the latest object and replace it with its resourceVersion, starting again from a
/// fresh read when someone else changed it meanwhile (409 Conflict) or the API failed on the way; creates look before
/// they try again; deletes are idempotent.
/// </summary>
internal sealed class DeploymentWriter(IKubernetes client, KubernetesRetry retry)
{
    private readonly IKubernetes _client = client;

    /// <summary>Applies every edit of one Deployment: one replace for all updates, or a create, or a delete.</summary>
    public Task ApplyAsync(string @namespace, string name, IReadOnlyList<PlannedEdit> edits, CancellationToken cancellationToken)
    {
        var where = $"{@namespace}/{name}";
        if (edits.FirstOrDefault(e => e.Kind == EditKind.Delete) is not null)
        {
            return retry.DeleteAsync($"delete Deployment {where}",
                ct => _client.AppsV1.DeleteNamespacedDeploymentAsync(name, @namespace, new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: ct),
                cancellationToken);
        }

        if (edits.FirstOrDefault(e => e.Kind == EditKind.Create) is { Manifest: { } manifest })
        {
            return retry.CreateAsync($"create Deployment {where}",
                ct => _client.TryGetDeploymentAsync(@namespace, name, ct),
                ct => _client.AppsV1.CreateNamespacedDeploymentAsync(manifest, @namespace, cancellationToken: ct),
                cancellationToken);
        }

        return retry.ReplaceAsync($"update Deployment {where}", async ct =>
        {
            var current = await _client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false);
            foreach (var edit in edits)
            {
                edit.Mutate!(current);
            }

            return await _client.AppsV1.ReplaceNamespacedDeploymentAsync(current, name, @namespace, cancellationToken: ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
