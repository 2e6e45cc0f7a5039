using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Patching;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Selectors;
using ChatOpsRelease.Sandbox.Store;
using ChatOpsRelease.Sandbox.Tables;
using Microsoft.AspNetCore.Http;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>The verbs on resource collections and objects: list, watch, get, create, replace, patch, delete.</summary>
internal sealed partial class ResourceEndpoints(ObjectStore store, TimeProvider time, WatchStreamer watches, CancellationToken stopping)
{
    public Task HandleAsync(HttpContext context, ApiRoute route)
    {
        var method = context.Request.Method;
        if (route.Subresource is not null)
        {
            return HandleSubresourceAsync(context, route, method);
        }

        var watch = route.WatchPath || HttpIo.QueryFlag(context, "watch");
        if (route.Name is null)
        {
            return method switch
            {
                "GET" when watch => WatchAsync(context, route),
                "GET" => ListAsync(context, route),
                "POST" when route.Namespace is not null || !route.Type.Namespaced => CreateAsync(context, route),
                _ => throw StatusObjects.MethodNotAllowed(),
            };
        }

        return method switch
        {
            "GET" when watch => WatchAsync(context, route),
            "GET" => GetAsync(context, route),
            "PUT" => ReplaceAsync(context, route),
            "PATCH" => PatchAsync(context, route),
            "DELETE" => DeleteAsync(context, route),
            _ => throw StatusObjects.MethodNotAllowed(),
        };
    }

    private Task ListAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "list");
        var labels = ParseLabels(context);
        var fields = ParseFields(context, route.Type);
        var (items, resourceVersion) = store.List(route.Type, route.Namespace, f => f.Matches(labels, fields));
        var rv = resourceVersion.ToString(CultureInfo.InvariantCulture);
        if (HttpIo.WantsTable(context))
        {
            return HttpIo.WriteJsonAsync(context, 200, TableBuilder.Build(route.Type, items, rv, HttpIo.Query(context, "includeObject"), time.GetUtcNow()));
        }

        var list = new JsonObject
        {
            ["kind"] = route.Type.ListKind,
            ["apiVersion"] = route.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
            ["items"] = new JsonArray([.. items]),
        };
        return HttpIo.WriteJsonAsync(context, 200, list);
    }

    private Task WatchAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "watch");
        var fields = route.Name is null
            ? ParseFields(context, route.Type)
            : FieldSelector.Parse("metadata.name=" + route.Name, ObjectFacts.SupportedFields(route.Type));
        var timeout = int.TryParse(HttpIo.Query(context, "timeoutSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : (TimeSpan?)null;
        var request = new WatchRequest(
            route.Type,
            route.Namespace,
            HttpIo.Query(context, "resourceVersion"),
            timeout,
            ParseLabels(context),
            fields,
            HttpIo.WantsTable(context),
            HttpIo.Query(context, "includeObject"));
        return watches.StreamAsync(context, request, stopping);
    }

    private Task GetAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "get");
        var obj = Load(route);
        return HttpIo.WantsTable(context)
            ? HttpIo.WriteJsonAsync(context, 200, TableBuilder.Build(
                route.Type, [obj], obj.ChildOrNull("metadata").Str("resourceVersion"), HttpIo.Query(context, "includeObject"), time.GetUtcNow()))
            : HttpIo.WriteJsonAsync(context, 200, obj);
    }

    private async Task CreateAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "create");
        var body = await HttpIo.ReadObjectAsync(context);
        var created = store.Create(route.Type, route.Namespace ?? "", body, HttpIo.DryRun(context));
        await HttpIo.WriteJsonAsync(context, 201, created);
    }

    private async Task ReplaceAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "update");
        var body = await HttpIo.ReadObjectAsync(context);
        var name = route.Name!;
        CheckBodyName(body, name);
        var updated = store.Update(route.Type, route.Namespace ?? "", name, _ => body, dryRun: HttpIo.DryRun(context));
        await HttpIo.WriteJsonAsync(context, 200, updated);
    }

    private async Task PatchAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "patch");
        var mediaType = HttpIo.MediaType(context.Request.ContentType);
        var custom = route.Type.Custom;
        var patch = Patcher.ParseBody(mediaType, await HttpIo.ReadBodyAsync(context), custom);
        var name = route.Name!;
        var dryRun = HttpIo.DryRun(context);
        if (mediaType != Patcher.ApplyPatchType)
        {
            var patched = store.Update(route.Type, route.Namespace ?? "", name, current => Patcher.Apply(mediaType, current, patch, custom), dryRun: dryRun);
            await HttpIo.WriteJsonAsync(context, 200, patched);
            return;
        }

        if (patch is JsonObject applied)
        {
            CheckBodyName(applied, name);
        }

        var (result, created) = store.Upsert(route.Type, route.Namespace ?? "", name, current =>
        {
            var merged = Patcher.Apply(mediaType, current, patch, custom);
            merged.Metadata()["name"] = name;
            return merged;
        }, dryRun);
        await HttpIo.WriteJsonAsync(context, created ? 201 : 200, result);
    }

    private async Task DeleteAsync(HttpContext context, ApiRoute route)
    {
        Require(route, "delete");
        var options = await ReadDeleteOptionsAsync(context);
        var preconditions = options.ChildOrNull("preconditions");
        var propagation = HttpIo.Query(context, "propagationPolicy") ?? options.Str("propagationPolicy");
        var dryRun = HttpIo.DryRun(context) || (options.ArrayOrNull("dryRun")?.Any(v => JsonNodes.AsString(v) == "All") ?? false);
        var deleted = store.Delete(
            route.Type, route.Namespace ?? "", route.Name!, preconditions.Str("uid"), preconditions.Str("resourceVersion"),
            cascade: propagation != "Orphan", dryRun: dryRun);
        JsonNode response = route.Type.DeleteReturnsObject
            ? deleted
            : StatusObjects.Success(route.Type, deleted.Name(), deleted.Uid());
        await HttpIo.WriteJsonAsync(context, 200, response);
    }

    private static async Task<JsonObject> ReadDeleteOptionsAsync(HttpContext context)
    {
        var body = await HttpIo.ReadBodyAsync(context);
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            throw StatusObjects.BadRequest($"invalid delete options: {e.Message}");
        }
    }

    private JsonObject Load(ApiRoute route) =>
        store.Get(route.Type, route.Namespace ?? "", route.Name!) ?? throw StatusObjects.NotFound(route.Type, route.Name!);

    private static void Require(ApiRoute route, string verb)
    {
        if (!route.Type.Verbs.Contains(verb))
        {
            throw StatusObjects.MethodNotAllowed();
        }
    }

    private static void CheckBodyName(JsonObject body, string name)
    {
        var given = body.ChildOrNull("metadata").Str("name");
        if (!string.IsNullOrEmpty(given) && given != name)
        {
            throw StatusObjects.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }

        body.Metadata()["name"] = name;
    }

    private static LabelSelector ParseLabels(HttpContext context)
    {
        try
        {
            return LabelSelector.Parse(HttpIo.Query(context, "labelSelector"));
        }
        catch (FormatException e)
        {
            throw StatusObjects.BadRequest(e.Message);
        }
    }

    private static FieldSelector ParseFields(HttpContext context, ResourceType type)
    {
        try
        {
            return FieldSelector.Parse(HttpIo.Query(context, "fieldSelector"), ObjectFacts.SupportedFields(type));
        }
        catch (FormatException e)
        {
            throw StatusObjects.BadRequest(e.Message);
        }
    }
}
