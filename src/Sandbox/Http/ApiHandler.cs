using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Traffic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>
/// The sandbox's single request handler: discovery documents, health, traffic metrics, and resource routes (which
/// pass through fault injection first).
/// </summary>
internal sealed class ApiHandler(ResourceEndpoints resources, FaultInjection faults, Func<string> serverAddress, Func<string> metrics, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        try
        {
            await DispatchAsync(context, method, path);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await HttpIo.WriteJsonAsync(context, e.Code, e.ToStatus());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            Log.RequestFailed(logger, method, path, e);
            await HttpIo.WriteJsonAsync(context, 500, StatusObjects.Failure(500, "InternalError", e.Message, null));
        }

        Log.Handled(logger, method, path, context.Response.StatusCode);
    }

    private Task DispatchAsync(HttpContext context, string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["api", "v1", .. var rest] when rest.Length > 0:
                return ServeResourceAsync(context, ApiRoute.Parse("", "v1", rest) ?? throw StatusObjects.PathNotFound());
            case ["apis", var group, var version, .. var rest] when rest.Length > 0 && Serves(group, version):
                return ServeResourceAsync(context, ApiRoute.Parse(group, version, rest) ?? throw StatusObjects.PathNotFound());
        }

        if (method is not "GET" and not "HEAD")
        {
            throw segments.Length == 0 || IsDiscoveryPath(segments) ? StatusObjects.MethodNotAllowed() : StatusObjects.PathNotFound();
        }

        return segments switch
        {
            [] => HttpIo.WriteJsonAsync(context, 200, Discovery.Root()),
            ["version"] => HttpIo.WriteJsonAsync(context, 200, Discovery.Version()),
            ["healthz" or "livez" or "readyz"] => WriteTextAsync(context, "ok", "text/plain; charset=utf-8"),
            ["metrics"] => WriteTextAsync(context, metrics(), PrometheusText.ContentType),
            ["api"] => HttpIo.WriteJsonAsync(context, 200, Discovery.CoreVersions(serverAddress())),
            ["api", "v1"] => HttpIo.WriteJsonAsync(context, 200, Discovery.ResourceList("", "v1")),
            ["apis"] => HttpIo.WriteJsonAsync(context, 200, Discovery.GroupList()),
            ["apis", var group] when Discovery.Group(group) is { } document => HttpIo.WriteJsonAsync(context, 200, document),
            ["apis", var group, var version] when Serves(group, version) =>
                HttpIo.WriteJsonAsync(context, 200, Discovery.ResourceList(group, version)),
            _ => throw StatusObjects.PathNotFound(),
        };
    }

    private async Task ServeResourceAsync(HttpContext context, ApiRoute route)
    {
        await faults.BeforeAsync(context, route);
        await resources.HandleAsync(context, route);
    }

    private static bool Serves(string group, string version) => ResourceTypes.Groups.Contains((group, version));

    private static bool IsDiscoveryPath(string[] segments) => segments switch
    {
        ["version"] or ["api"] or ["api", "v1"] or ["apis"] or ["metrics"] => true,
        ["apis", var group] => ResourceTypes.Groups.Any(g => g.Group == group),
        ["apis", var group, var version] => Serves(group, version),
        _ => false,
    };

    private static Task WriteTextAsync(HttpContext context, string text, string contentType)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
