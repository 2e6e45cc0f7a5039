using System.Net;
using System.Text;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>
/// Before the first PUT of the object at <paramref name="path"/> (e.g. <c>/apis/apps/v1/namespaces/shop/deployments/checkout</c>),
/// changes it through the API — an annotation <c>touched-by: someone-else</c> — so that PUT carries a stale resourceVersion.
/// </summary>
internal sealed class StaleWriteInterferer(Uri server, string path) : DelegatingHandler
{
    private readonly HttpClient _other = new() { BaseAddress = server };

    public List<HttpStatusCode> PutResults { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isPut = request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith(path, StringComparison.Ordinal);
        if (isPut && PutResults.Count == 0)
        {
            using var patch = new HttpRequestMessage(HttpMethod.Patch, path)
            {
                Content = new StringContent("""{"metadata":{"annotations":{"touched-by":"someone-else"}}}""", Encoding.UTF8, "application/merge-patch+json"),
            };
            (await _other.SendAsync(patch, cancellationToken)).EnsureSuccessStatusCode();
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (isPut)
        {
            PutResults.Add(response.StatusCode);
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        _other.Dispose();
        base.Dispose(disposing);
    }
}
