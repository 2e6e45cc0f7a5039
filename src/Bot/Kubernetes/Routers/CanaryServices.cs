using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// The canary Service <c>&lt;service&gt;-canary</c>: the stable Service's ports and selector plus <c>track: canary</c>,
/// so an ingress or gateway can send requests to the canary pods alone.
/// </summary>
internal sealed class CanaryServices(IKubernetes client, KubernetesRetry retry)
{
    /// <summary>Creates the canary Service when it is missing; returns the change (none when it exists).</summary>
    public async Task<IReadOnlyList<ClusterChange>> EnsureAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (await ReadAsync(app.Namespace, app.CanaryService, cancellationToken).ConfigureAwait(false) is not null)
        {
            return [];
        }

        var stable = await ReadAsync(app.Namespace, app.Service, cancellationToken).ConfigureAwait(false)
            ?? throw new ClusterException($"the Service {app.Namespace}/{app.Service} does not exist, so there is nothing to copy the canary Service from.");
        var canary = new V1Service
        {
            Metadata = new V1ObjectMeta
            {
                Name = app.CanaryService,
                NamespaceProperty = app.Namespace,
                Labels = CanaryManifest.WithTrack(stable.Metadata.Labels, "canary"),
                Annotations = new Dictionary<string, string> { [CanaryManifest.CanaryOfAnnotation] = app.Service },
            },
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = CanaryManifest.WithTrack(stable.Spec.Selector, "canary"),
                Ports = stable.Spec.Ports?.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.TargetPort, Protocol = p.Protocol }).ToList(),
            },
        };
        var change = new ClusterChange(Object(app.Namespace, app.CanaryService), "(object)", null,
            $"selects {string.Join(", ", canary.Spec.Selector.Select(kv => $"{kv.Key}={kv.Value}"))}; ports {string.Join(", ", canary.Spec.Ports?.Select(p => p.Port) ?? [])}");
        if (mode == ChangeMode.Apply)
        {
            await retry.CreateAsync($"create Service {app.Namespace}/{app.CanaryService}",
                ct => GetAsync(app.Namespace, app.CanaryService, ct),
                async ct =>
                {
                    try
                    {
                        return await client.CoreV1.CreateNamespacedServiceAsync(canary, app.Namespace, cancellationToken: ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (KubernetesErrors.IsConflict(ex))
                    {
                        return canary;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }

        return [change];
    }

    /// <summary>Deletes the canary Service when it exists.</summary>
    public async Task<IReadOnlyList<ClusterChange>> RemoveAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (await ReadAsync(app.Namespace, app.CanaryService, cancellationToken).ConfigureAwait(false) is null)
        {
            return [];
        }

        if (mode == ChangeMode.Apply)
        {
            await retry.DeleteAsync($"delete Service {app.Namespace}/{app.CanaryService}",
                ct => client.CoreV1.DeleteNamespacedServiceAsync(app.CanaryService, app.Namespace, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }

        return [new ClusterChange(Object(app.Namespace, app.CanaryService), "(object)", "canary Service", null)];
    }

    public static string Object(string @namespace, string name) => $"Service {@namespace}/{name}";

    private Task<V1Service?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        retry.ReadAsync($"read Service {@namespace}/{name}", ct => GetAsync(@namespace, name, ct), cancellationToken);

    /// <summary>One attempt to read a Service: null when it does not exist.</summary>
    private Task<V1Service?> GetAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesErrors.NullWhenMissingAsync(client.CoreV1.ReadNamespacedServiceAsync(name, @namespace, cancellationToken: cancellationToken));
}
