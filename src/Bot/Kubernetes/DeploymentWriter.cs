using ChatOpsRelease.Commands.Ports;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Makes planned edits: updates read the latest object and replace it with its resourceVersion, retrying
/// when someone else changed it meanwhile (409 Conflict); creates and deletes are idempotent.
/// </summary>
internal sealed class DeploymentWriter
{
    private readonly IKubernetes _client;
    private readonly ResiliencePipeline _onConflict;

    public DeploymentWriter(IKubernetes client, IOptions<KubernetesOptions> options, TimeProvider time)
    {
        _client = client;
        _onConflict = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(KubernetesErrors.IsConflict),
                MaxRetryAttempts = Math.Max(1, options.Value.ConflictRetries),
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

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
            await _onConflict.ExecuteAsync(async ct =>
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
