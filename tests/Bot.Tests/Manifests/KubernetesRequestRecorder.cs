using System.Collections.Concurrent;
using ChatOpsRelease.Bot.Kubernetes;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>A request to the Kubernetes API as RBAC sees it: the permission it needs and the namespace it is in (null: cluster-scoped).</summary>
internal sealed record KubernetesRequest(ClusterPermission Permission, string? Namespace, string Described);

/// <summary>Sits in KubernetesClient's pipeline and records every request's method and path as the permission it needs.</summary>
internal sealed class KubernetesRequestRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<KubernetesRequest> _requests;

    public KubernetesRequestRecorder(ConcurrentQueue<KubernetesRequest> requests) => _requests = requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(Describe(request.Method, request.RequestUri!));
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// <c>/api/v1/namespaces/shop/services/checkout</c> → ("", services, get) in shop;
    /// <c>/apis/apps/v1/namespaces/shop/deployments</c> with POST → (apps, deployments, create) in shop.
    /// </summary>
    public static KubernetesRequest Describe(HttpMethod method, Uri uri)
    {
        var described = $"{method} {uri.PathAndQuery}";
        var parts = uri.AbsolutePath.Trim('/').Split('/');
        var (group, rest) = parts switch
        {
            ["api", _, .. var r] => ("", r),
            ["apis", var g, _, .. var r] => (g, r),
            _ => (null, parts),
        };
        if (group is null)
        {
            // A non-resource URL (/version, /healthz, discovery).
            return new(new ClusterPermission("", uri.AbsolutePath, method.Method.ToLowerInvariant()), null, described);
        }

        var (@namespace, path) = rest is ["namespaces", var ns, _, ..] ? (ns, rest[2..]) : ((string?)null, rest);
        var resource = path.Length > 2 ? $"{path[0]}/{path[2]}" : path[0];
        var named = path.Length > 1;
        var verb = method.Method switch
        {
            "GET" when named => "get",
            "GET" when uri.Query.Contains("watch=true", StringComparison.Ordinal) => "watch",
            "GET" => "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when named => "delete",
            "DELETE" => "deletecollection",
            _ => method.Method.ToLowerInvariant(),
        };
        return new(new ClusterPermission(group, resource, verb), @namespace, described);
    }
}
