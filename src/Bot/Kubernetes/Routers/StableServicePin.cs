using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// The live (stable) Service's <c>track</c> selector. The stable Service usually selects <c>app=X</c>, which the canary
/// pods carry too, so without a pin the stable share of an ingress or gateway split would still reach the canary and the
/// canary would get more than its weight: a canary release pins it to <c>track: stable</c>. A blue-green release pins it
/// to <c>stable</c> before the new colour exists and switches it to <c>canary</c> (and back). The Service is marked so
/// that only a pin the bot made is ever taken away; a <c>track</c> the Service selected before is put back.
/// </summary>
internal sealed class StableServicePin(IKubernetes client, KubernetesRetry retry)
{
    /// <summary>Marks a stable Service whose <c>track</c> selector was set by the bot; the value is the pinned track.</summary>
    public const string PinnedAnnotation = "chatopsrelease.io/pinned-track";

    /// <summary>The <c>track</c> the Service selected before the bot changed it, put back when the pin is taken away.</summary>
    public const string OriginalAnnotation = "chatopsrelease.io/original-track";

    private const string Field = "spec.selector.track";

    /// <summary>
    /// For a canary release: adds <c>track: stable</c> to the stable Service's selector when it selects no track yet.
    /// Applied only when the stable Deployment's pods carry the label and have rolled out, so no serving pod drops out
    /// of the Service.
    /// </summary>
    public async Task<IReadOnlyList<ClusterChange>> PinAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = await ReadServiceAsync(app, cancellationToken).ConfigureAwait(false);
        if (Track(service) is not null)
        {
            return [];
        }

        if (mode == ChangeMode.Apply && await ServingDeploymentAsync(app, "stable", cancellationToken).ConfigureAwait(false) is null)
        {
            return [];
        }

        return await SetAsync(app, service, "stable", mode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For a blue-green release: points the live Service at <paramref name="track"/> (<c>stable</c>, the old colour, or
    /// <c>canary</c>, the new one), whatever it selected before. Refused while that track's Deployment has not rolled out,
    /// so live traffic never moves to pods that are not ready.
    /// </summary>
    public async Task<IReadOnlyList<ClusterChange>> SwitchAsync(AppSpec app, string track, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = await ReadServiceAsync(app, cancellationToken).ConfigureAwait(false);
        if (Track(service) == track)
        {
            return [];
        }

        if (mode == ChangeMode.Apply && await ServingDeploymentAsync(app, track, cancellationToken).ConfigureAwait(false) is null)
        {
            var deployment = track == "stable" ? app.Deployment : app.CanaryDeployment;
            throw new ClusterException($"the Service {app.Namespace}/{app.Service} was not switched to track={track}: the pods of Deployment "
                + $"{app.Namespace}/{deployment} are not labelled track={track} or have not all rolled out.");
        }

        return await SetAsync(app, service, track, mode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>track</c> the live Service selects now, if any.</summary>
    public async Task<string?> TrackAsync(AppSpec app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Track(await ReadServiceAsync(app, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Takes away a pin the bot made, putting back the <c>track</c> the Service selected before (if any).</summary>
    public async Task<IReadOnlyList<ClusterChange>> UnpinAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = await ReadServiceAsync(app, cancellationToken).ConfigureAwait(false);
        if (service.Metadata.Annotations?.ContainsKey(PinnedAnnotation) != true)
        {
            return [];
        }

        var pinned = Track(service);
        var original = service.Metadata.Annotations.TryGetValue(OriginalAnnotation, out var before) ? before : null;
        if (mode == ChangeMode.Apply)
        {
            await ReplaceAsync(app, s =>
            {
                if (original is null)
                {
                    s.Spec.Selector?.Remove(Containers.TrackLabel);
                }
                else
                {
                    s.Spec.Selector = CanaryManifest.WithTrack(s.Spec.Selector, original);
                }

                s.Metadata.Annotations?.Remove(PinnedAnnotation);
                s.Metadata.Annotations?.Remove(OriginalAnnotation);
            }, cancellationToken).ConfigureAwait(false);
        }

        return pinned == original ? [] : [new ClusterChange(CanaryServices.Object(app.Namespace, app.Service), Field, pinned, original)];
    }

    /// <summary>The Deployment whose pods <paramref name="track"/> selects, when they carry the label and have rolled out.</summary>
    private async Task<V1Deployment?> ServingDeploymentAsync(AppSpec app, string track, CancellationToken cancellationToken)
    {
        var name = track == "stable" ? app.Deployment : app.CanaryDeployment;
        var deployment = await client.TryReadDeploymentAsync(retry, app.Namespace, name, cancellationToken).ConfigureAwait(false);
        var labelled = deployment?.Spec?.Template?.Metadata?.Labels?.TryGetValue(Containers.TrackLabel, out var label) == true && label == track;
        return deployment is not null && labelled && RolloutWaiter.IsComplete(deployment) ? deployment : null;
    }

    private async Task<IReadOnlyList<ClusterChange>> SetAsync(AppSpec app, V1Service service, string track, ChangeMode mode, CancellationToken cancellationToken)
    {
        var current = Track(service);
        if (mode == ChangeMode.Apply)
        {
            await ReplaceAsync(app, s =>
            {
                var annotations = new Dictionary<string, string>(s.Metadata.Annotations ?? new Dictionary<string, string>());
                if (!annotations.ContainsKey(PinnedAnnotation) && Track(s) is { } own)
                {
                    annotations[OriginalAnnotation] = own;
                }

                annotations[PinnedAnnotation] = track;
                s.Metadata.Annotations = annotations;
                s.Spec.Selector = CanaryManifest.WithTrack(s.Spec.Selector, track);
            }, cancellationToken).ConfigureAwait(false);
        }

        return [new ClusterChange(CanaryServices.Object(app.Namespace, app.Service), Field, current, track)];
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
