using ChatOpsRelease.Commands.Ports;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Makes planned edits: updates read the latest object and replace it with its resourceVersion, retrying
/// when someone else changed it meanwhile (409 Conflict); creates and deletes are idempotent.
/// </summary>
internal sealed class DeploymentWriter(IKubernetes client, ConflictRetry onConflict)
{
    private readonly IKubernetes _client = client;

    /// <summary>Applies every edit of one Deployment: one replace for all updates, or a create, or a delete.</summary>
    public Task ApplyAsync(string @namespace, string name, IReadOnlyList<PlannedEdit> edits, CancellationToken cancellationToken)
    {
        var where = $"{@namespace}/{name}";
        if (edits.FirstOrDefault(e => e.Kind == EditKind.Delete) is not null)
        {
            return KubernetesErrors.Translate($"delete Deployment {where}", () => DeleteAsync(@namespace, name, cancellationToken));
        }

        if (edits.FirstOrDefault(e => e.Kind == EditKind.Create) is { Manifest: { } manifest })
        {
            return KubernetesErrors.Translate($"create Deployment {where}",
                () => _client.AppsV1.CreateNamespacedDeploymentAsync(manifest, @namespace, cancellationToken: cancellationToken));
        }

        return KubernetesErrors.Translate($"update Deployment {where}", async () =>
            await onConflict.ExecuteAsync(async ct =>
            {
                var current = await _client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false);
                foreach (var edit in edits)
                {
                    edit.Mutate!(current);
                }

                return await _client.AppsV1.ReplaceNamespacedDeploymentAsync(current, name, @namespace, cancellationToken: ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false));
    }

    private async Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            await _client.AppsV1.DeleteNamespacedDeploymentAsync(name, @namespace,
                new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            return false;
        }
    }
}
