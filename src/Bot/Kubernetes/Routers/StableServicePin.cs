using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// Keeps the stable Service on the stable pods while a canary runs. The stable Service usually selects <c>app=X</c>,
/// which the canary pods carry too, so without a pin the stable share of an ingress or gateway split would still reach
/// the canary and the canary would get more than its weight. The pin adds <c>track: stable</c> to the selector once
/// the stable pods carry that label, and marks the Service so that only a pin we made is ever taken away again.
/// </summary>
internal sealed class StableServicePin(IKubernetes client, KubernetesRetry retry)
{
    /// <summary>Marks a stable Service whose <c>track</c> selector was added by the bot.</summary>
    public const string PinnedAnnotation = "chatopsrelease.io/pinned-track";

    private const string Field = "spec.selector.track";

    /// <summary>
    /// Adds <c>track: stable</c> to the stable Service's selector. Applied only when the stable Deployment's pods carry
    /// the label and have rolled out, so no serving pod drops out of the Service.
    /// </summary>
    public async Task<IReadOnlyList<ClusterChange>> PinAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = await ReadServiceAsync(app, cancellationToken).ConfigureAwait(false);
        if (Track(service) is not null)
        {
            return [];
        }

        if (mode == ChangeMode.Apply)
        {
            var stable = await client.TryReadDeploymentAsync(retry, app.Namespace, app.Deployment, cancellationToken).ConfigureAwait(false);
            var labelled = stable?.Spec?.Template?.Metadata?.Labels?.TryGetValue(Containers.TrackLabel, out var track) == true && track == "stable";
            if (stable is null || !labelled || !RolloutWaiter.IsComplete(stable))
            {
                return [];
            }

            await ReplaceAsync(app, s =>
            {
                s.Spec.Selector = CanaryManifest.WithTrack(s.Spec.Selector, "stable");
                s.Metadata.Annotations = new Dictionary<string, string>(s.Metadata.Annotations ?? new Dictionary<string, string>()) { [PinnedAnnotation] = "stable" };
            }, cancellationToken).ConfigureAwait(false);
        }

        return [new ClusterChange(CanaryServices.Object(app.Namespace, app.Service), Field, null, "stable")];
    }

    /// <summary>Takes away a pin the bot made; a <c>track</c> selector the Service had before is left alone.</summary>
    public async Task<IReadOnlyList<ClusterChange>> UnpinAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = await ReadServiceAsync(app, cancellationToken).ConfigureAwait(false);
        if (service.Metadata.Annotations?.ContainsKey(PinnedAnnotation) != true)
        {
            return [];
        }

        var pinned = Track(service);
        if (mode == ChangeMode.Apply)
        {
            await ReplaceAsync(app, s =>
            {
                s.Spec.Selector?.Remove(Containers.TrackLabel);
                s.Metadata.Annotations?.Remove(PinnedAnnotation);
            }, cancellationToken).ConfigureAwait(false);
        }

        return pinned is null ? [] : [new ClusterChange(CanaryServices.Object(app.Namespace, app.Service), Field, pinned, null)];
    }

    private static string? Track(V1Service service) =>
        service.Spec?.Selector?.TryGetValue(Containers.TrackLabel, out var track) == true ? track : null;

    private Task ReplaceAsync(AppSpec app, Action<V1Service> edit, CancellationToken cancellationToken) =>
        retry.ReplaceAsync($"update Service {app.Namespace}/{app.Service}", async ct =>
        {
            var latest = await client.CoreV1.ReadNamespacedServiceAsync(app.Service, app.Namespace, cancellationToken: ct).ConfigureAwait(false);
            edit(latest);
            return await client.CoreV1.ReplaceNamespacedServiceAsync(latest, app.Service, app.Namespace, cancellationToken: ct).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<V1Service> ReadServiceAsync(AppSpec app, CancellationToken cancellationToken) =>
        await retry.ReadAsync($"read Service {app.Namespace}/{app.Service}",
            ct => KubernetesErrors.NullWhenMissingAsync(client.CoreV1.ReadNamespacedServiceAsync(app.Service, app.Namespace, cancellationToken: ct)),
            cancellationToken).ConfigureAwait(false)
        ?? throw new ClusterException($"the Service {app.Namespace}/{app.Service} does not exist (see Apps:{app.Name}:Service).");
}
