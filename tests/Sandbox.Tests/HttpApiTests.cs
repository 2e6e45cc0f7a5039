using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Raw HTTP checks of what kubectl and other clients rely on: discovery, Tables, error Status bodies.</summary>
public sealed class HttpApiTests : SandboxTestBase
{
    private readonly HttpClient _http = new();

    public override async Task DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Version_ReportsSandboxBuildOf132()
    {
        var version = await GetJsonAsync("/version");

        Assert.Equal("1", version["major"]!.GetValue<string>());
        Assert.Equal("32", version["minor"]!.GetValue<string>());
        Assert.StartsWith("v1.32.0", version["gitVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_AnswersLegacyDocumentsEvenWhenAggregatedIsAsked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/api?timeout=32s"));
        request.Headers.TryAddWithoutValidation("Accept",
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        using var response = await _http.SendAsync(request);
        var api = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var apis = await GetJsonAsync("/apis");
        var apps = await GetJsonAsync("/apis/apps/v1");
        var core = await GetJsonAsync("/api/v1");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("APIVersions", api["kind"]!.GetValue<string>());
        Assert.Equal("apps/v1", apis["groups"]![0]!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        var deployments = apps["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("deploy", deployments["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("all", deployments["categories"]![0]!.GetValue<string>());
        var coreNames = core["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("pods", coreNames);
        Assert.Contains("services", coreNames);
        Assert.Contains("namespaces", coreNames);
    }

    [Fact]
    public async Task Discovery_ServesTheNetworkingAndGatewayGroups()
    {
        var root = await GetJsonAsync("/");
        var apis = await GetJsonAsync("/apis");
        var networking = await GetJsonAsync("/apis/networking.k8s.io");
        var networkingV1 = await GetJsonAsync("/apis/networking.k8s.io/v1");
        var gatewayV1 = await GetJsonAsync("/apis/gateway.networking.k8s.io/v1");
        using var unknownVersion = await _http.GetAsync(Url("/apis/networking.k8s.io/v2"));

        Assert.Contains("/apis/gateway.networking.k8s.io/v1", root["paths"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(
            ["apps", "networking.k8s.io", "gateway.networking.k8s.io"],
            apis["groups"]!.AsArray().Select(g => (string?)g!["name"]));
        Assert.Equal("APIGroup", (string?)networking["kind"]);
        Assert.Equal("networking.k8s.io/v1", (string?)networking["preferredVersion"]!["groupVersion"]);
        var ingresses = Resource(networkingV1, "ingresses");
        Assert.Equal("Ingress", (string?)ingresses["kind"]);
        Assert.Equal("ing", (string?)ingresses["shortNames"]![0]);
        Assert.Null(ingresses["categories"]);
        Assert.Equal("Ingress", (string?)Resource(networkingV1, "ingresses/status")["kind"]);
        var routes = Resource(gatewayV1, "httproutes");
        Assert.Equal("gateway.networking.k8s.io/v1", (string?)gatewayV1["groupVersion"]);
        Assert.Equal("httproute", (string?)routes["singularName"]);
        Assert.Equal("gateway-api", (string?)routes["categories"]![0]);
        Assert.NotNull(Resource(gatewayV1, "httproutes/status"));
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
    }

    [Fact]
    public async Task TableAccept_ForHttpRoutes_PrintsHostnamesAsJsonOrNull()
    {
        var route = HttpRouteApiTests.NewRoute("search");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(route, "gateway.networking.k8s.io", "v1", "shop", "httproutes");
        route["metadata"]!["name"] = "bare";
        route["spec"]!.AsObject().Remove("hostnames");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(route, "gateway.networking.k8s.io", "v1", "shop", "httproutes");
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes"));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        using var response = await _http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal(["Name", "Hostnames", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("date", (string?)table["columnDefinitions"]![2]!["type"]);
        var rows = table["rows"]!.AsArray();
        Assert.Equal(["bare", "search"], rows.Select(r => (string?)r!["cells"]![0]));
        Assert.Null(rows[0]!["cells"]![1]);
        Assert.Equal("[\"search.example\"]", (string?)rows[1]!["cells"]![1]);
    }

    [Fact]
    public async Task UnknownPath_Returns404Status()
    {
        using var response = await _http.GetAsync(Url("/apis/batch/v1/jobs"));
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        Assert.Equal(404, status["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task TableAccept_ReturnsTableWithPartialObjectMetadataRows()
    {
        await SeedCheckoutAsync();
        await WaitForRolloutAsync("checkout");
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/apis/apps/v1/namespaces/shop/deployments?limit=500"));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");

        using var response = await _http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io/v1", table["apiVersion"]!.GetValue<string>());
        var columns = table["columnDefinitions"]!.AsArray().Where(c => c!["priority"]!.GetValue<int>() == 0).Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age"], columns);
        var row = Assert.Single(table["rows"]!.AsArray())!;
        Assert.Equal("checkout", row["cells"]![0]!.GetValue<string>());
        Assert.Equal("1/1", row["cells"]![1]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("checkout", row["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task MalformedJson_Returns400()
    {
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync(Url("/apis/apps/v1/namespaces/shop/deployments"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPatchType_Returns415()
    {
        await SeedCheckoutAsync();
        using var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");

        using var response = await _http.PatchAsync(Url("/apis/apps/v1/namespaces/shop/deployments/checkout"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task UnsupportedVerb_Returns405()
    {
        using var response = await _http.DeleteAsync(Url("/api/v1/namespaces/shop"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("MethodNotAllowed", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
    }

    private static JsonNode Resource(JsonNode resourceList, string name) =>
        resourceList["resources"]!.AsArray().Single(r => (string?)r!["name"] == name)!;

    private Uri Url(string pathAndQuery) => new(Sandbox.BaseAddress, pathAndQuery);

    private async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await _http.GetStringAsync(Url(path)))!;
}
