using ChatOpsRelease.Commands.Ports;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Waits, up to the configured timeout, until Deployments serve (or are gone), as `kubectl rollout status` judges.</summary>
internal sealed class RolloutWaiter(IKubernetes client, KubernetesRetry retry, IOptions<KubernetesOptions> options, TimeProvider time)
{
    /// <summary>True when the Deployment's latest spec is fully rolled out and every desired pod is available.</summary>
    public static bool IsComplete(V1Deployment deployment)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        return status is not null
            && (status.ObservedGeneration ?? 0) >= (deployment.Metadata?.Generation ?? 0)
            && (status.UpdatedReplicas ?? 0) == desired
            && (status.Replicas ?? 0) == desired
            && (status.AvailableReplicas ?? 0) == desired;
    }

    public async Task WaitAsync(string @namespace, IEnumerable<string> serving, IEnumerable<string> gone, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var deadline = time.GetUtcNow() + settings.RolloutTimeout;
        var waitingFor = serving.Select(n => (Name: n, Gone: false)).Concat(gone.Select(n => (Name: n, Gone: true))).ToList();
        while (waitingFor.Count > 0)
        {
            var notYet = new List<(string Name, bool Gone)>();
            var lastSeen = string.Empty;
            foreach (var item in waitingFor)
            {
                var deployment = await client.TryReadDeploymentAsync(retry, @namespace, item.Name, cancellationToken).ConfigureAwait(false);
                var done = item.Gone ? deployment is null : deployment is not null && IsComplete(deployment);
                if (!done)
                {
                    notYet.Add(item);
                    lastSeen = Progress(@namespace, item.Name, deployment, item.Gone);
                }
            }

            waitingFor = notYet;
            if (waitingFor.Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ClusterException($"{lastSeen} after {settings.RolloutTimeout.TotalSeconds:0.#} s (Kubernetes:RolloutTimeout). "
                    + "The change was made in the cluster but did not finish rolling out.");
            }

            await Task.Delay(settings.RolloutPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Progress(string @namespace, string name, V1Deployment? deployment, bool gone) =>
        gone ? $"Deployment {@namespace}/{name} was still there"
        : deployment is null ? $"Deployment {@namespace}/{name} was missing"
        : $"Deployment {@namespace}/{name} had {deployment.Status?.AvailableReplicas ?? 0} of {deployment.Spec.Replicas ?? 1} pods available";
}
