using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// A router's object that can send chosen requests to the canary Service (the NGINX canary Ingress, the HTTPRoute's
/// users rule): a blue-green release uses it to send the app's preview header to the new colour, and no one else.
/// </summary>
internal interface IPreviewRoute
{
    /// <summary>Sends requests matching <paramref name="rule"/> to the canary Service, and no other request (weight 0).</summary>
    Task<IReadOnlyList<ClusterChange>> PreviewAsync(AppSpec app, RouteRule rule, ChangeMode mode, CancellationToken cancellationToken);

    /// <summary>Sends every request to the stable Service again: the canary part of the route is gone.</summary>
    Task<IReadOnlyList<ClusterChange>> RemoveAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken);
}
