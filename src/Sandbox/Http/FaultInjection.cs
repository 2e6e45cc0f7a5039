using ChatOpsRelease.Sandbox.Resources;
using Microsoft.AspNetCore.Http;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>
/// Applies <see cref="SandboxFaults"/> to a resource request before it is served: waits the verb's latency, then either
/// lets it through or fails it with a <c>Status</c> as the API server words it. A failed request changes nothing.
/// </summary>
internal sealed class FaultInjection(SandboxFaults faults, TimeProvider time)
{
    public async Task BeforeAsync(HttpContext context, ApiRoute route)
    {
        var decision = faults.Decide(Verb(context, route));
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, time, context.RequestAborted);
        }

        if (decision.Status is { } status)
        {
            throw Failure(status, route);
        }
    }

    /// <summary>The verb as Kubernetes names it (RBAC's words): the <c>status</c> and <c>scale</c> subresources count as their method's verb.</summary>
    public static string Verb(HttpContext context, ApiRoute route) => context.Request.Method switch
    {
        "GET" when route.Subresource is null && (route.WatchPath || HttpIo.QueryFlag(context, "watch")) => "watch",
        "GET" or "HEAD" => route.Name is null && route.Subresource is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => "delete",
        _ => "get",
    };

    private static ApiException Failure(int status, ApiRoute route) => status switch
    {
        409 => StatusObjects.Conflict(route.Type, route.Name ?? string.Empty),
        429 => new ApiException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later"),
        500 => new ApiException(500, "InternalError", "Internal error occurred: the sandbox failed this request on purpose (fault injection)"),
        502 => new ApiException(502, "InternalError", "the server could not reach its backend (fault injection)"),
        504 => new ApiException(504, "Timeout", "the server was unable to return a response in the time allotted (fault injection)"),
        _ => new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request (fault injection)"),
    };
}
