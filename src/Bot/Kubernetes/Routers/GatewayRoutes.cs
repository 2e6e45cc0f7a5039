using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// The app's <c>gateway.networking.k8s.io/v1</c> HTTPRoute, through KubernetesClient's custom-object calls: read it,
/// reshape it for a target, replace it with its resourceVersion (retrying on 409 against the latest version).
/// </summary>
internal sealed class GatewayRoutes(IKubernetes client, KubernetesRetry retry) : IPreviewRoute
{
    public const string Group = "gateway.networking.k8s.io";
    public const string Version = "v1";
    public const string Plural = "httproutes";

    public async Task<IReadOnlyList<ClusterChange>> ShapeAsync(AppSpec app, TrafficTarget target, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var current = await ReadAsync(app, cancellationToken).ConfigureAwait(false);
        var changes = GatewayRouteShape.Changes(app, current, GatewayRouteShape.Shape(current, app, target));
        if (mode == ChangeMode.Apply && changes.Count > 0)
        {
            await retry.ReplaceAsync($"update HTTPRoute {app.Namespace}/{app.Entry}", async ct =>
            {
                var latest = GatewayRouteShape.Shape(await GetAsync(app, ct).ConfigureAwait(false), app, target);
                return await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(latest, Group, Version, app.Namespace, Plural, app.Entry, cancellationToken: ct)
                    .ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    /// <summary>The users rule for <paramref name="rule"/> alone, and no weight for the canary Service.</summary>
    public Task<IReadOnlyList<ClusterChange>> PreviewAsync(AppSpec app, RouteRule rule, ChangeMode mode, CancellationToken cancellationToken) =>
        ShapeAsync(app, TrafficTarget.Canary(0, [rule]), mode, cancellationToken);

    /// <summary>The route to the stable Service alone: no canary backendRef, no users rule.</summary>
    public Task<IReadOnlyList<ClusterChange>> RemoveAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken) =>
        ShapeAsync(app, TrafficTarget.RolledBack, mode, cancellationToken);

    private Task<JsonObject> ReadAsync(AppSpec app, CancellationToken cancellationToken) =>
        retry.ReadAsync($"read HTTPRoute {app.Namespace}/{app.Entry}", ct => GetAsync(app, ct), cancellationToken);

    /// <summary>One attempt to read the HTTPRoute, as JSON.</summary>
    private async Task<JsonObject> GetAsync(AppSpec app, CancellationToken cancellationToken)
    {
        var found = await KubernetesErrors.NullWhenMissingAsync(
            client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, app.Namespace, Plural, app.Entry, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new ClusterException($"the HTTPRoute {app.Namespace}/{app.Entry} does not exist (see Apps:{app.Name}:Entry).");
        var text = found is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(found);
        return JsonNode.Parse(text) as JsonObject ?? throw new ClusterException($"the HTTPRoute {app.Namespace}/{app.Entry} is not a JSON object.");
    }
}
