using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Patching;
using ChatOpsRelease.Sandbox.Resources;
using Microsoft.AspNetCore.Http;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>The <c>status</c> subresource (of every type that has one) and the Deployment <c>scale</c> subresource.</summary>
internal sealed partial class ResourceEndpoints
{
    private Task HandleSubresourceAsync(HttpContext context, ApiRoute route, string method)
    {
        var hasStatus = route.Type.HasStatus;
        return (route.Subresource, method) switch
        {
            ("status", "GET") when hasStatus => GetAsync(context, route),
            ("status", "PUT" or "PATCH") when hasStatus => UpdateStatusAsync(context, route, method),
            ("scale", "GET") when route.Type == ResourceTypes.Deployment => HttpIo.WriteJsonAsync(context, 200, Scale(Load(route))),
            ("scale", "PUT" or "PATCH") when route.Type == ResourceTypes.Deployment => UpdateScaleAsync(context, route, method),
            ("status" or "scale", _) when hasStatus => throw StatusObjects.MethodNotAllowed(),
            _ => throw StatusObjects.PathNotFound(),
        };
    }

    private async Task UpdateStatusAsync(HttpContext context, ApiRoute route, string method)
    {
        var name = route.Name!;
        JsonObject updated;
        if (method == "PUT")
        {
            var body = await HttpIo.ReadObjectAsync(context);
            CheckBodyName(body, name);
            updated = store.Update(route.Type, route.Namespace ?? "", name, current => WithPrecondition(route.Type, current, body), statusOnly: true);
        }
        else
        {
            var mediaType = HttpIo.MediaType(context.Request.ContentType);
            var custom = route.Type.Custom;
            var patch = Patcher.ParseBody(mediaType, await HttpIo.ReadBodyAsync(context), custom);
            updated = store.Update(
                route.Type, route.Namespace ?? "", name, current => Patcher.Apply(mediaType, current, patch, custom), statusOnly: true);
        }

        await HttpIo.WriteJsonAsync(context, 200, updated);
    }

    private async Task UpdateScaleAsync(HttpContext context, ApiRoute route, string method)
    {
        var name = route.Name!;
        var mediaType = HttpIo.MediaType(context.Request.ContentType);
        var body = method == "PUT"
            ? await HttpIo.ReadObjectAsync(context)
            : Patcher.ParseBody(mediaType, await HttpIo.ReadBodyAsync(context));
        var updated = store.Update(route.Type, route.Namespace ?? "", name, current =>
        {
            var scale = method == "PUT" ? (JsonObject)body! : Patcher.Apply(mediaType, Scale(current), body);
            var next = current.Copy();
            next.Child("spec")["replicas"] = scale.ChildOrNull("spec")?["replicas"]?.DeepClone();
            var resourceVersion = scale.ChildOrNull("metadata").Str("resourceVersion");
            if (!string.IsNullOrEmpty(resourceVersion))
            {
                next.Metadata()["resourceVersion"] = resourceVersion;
            }

            return next;
        });
        await HttpIo.WriteJsonAsync(context, 200, Scale(updated));
    }

    /// <summary>Carries the body's resourceVersion precondition into a status write.</summary>
    private static JsonObject WithPrecondition(ResourceType type, JsonObject current, JsonObject body)
    {
        var resourceVersion = body.ChildOrNull("metadata").Str("resourceVersion");
        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != current.ChildOrNull("metadata").Str("resourceVersion"))
        {
            throw StatusObjects.Conflict(type, current.Name());
        }

        return body;
    }

    /// <summary>The <c>autoscaling/v1</c> Scale view of a Deployment.</summary>
    private static JsonObject Scale(JsonObject deployment)
    {
        var meta = deployment.ChildOrNull("metadata");
        var selector = JsonNodes.StringMap(deployment.ChildOrNull("spec").ChildOrNull("selector").ChildOrNull("matchLabels"));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta.Str("name"),
                ["namespace"] = meta.Str("namespace"),
                ["uid"] = meta.Str("uid"),
                ["resourceVersion"] = meta.Str("resourceVersion"),
                ["creationTimestamp"] = meta.Str("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = deployment.ChildOrNull("spec").Long("replicas") ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = deployment.ChildOrNull("status").Long("replicas") ?? 0,
                ["selector"] = string.Join(',', selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            },
        };
    }
}
