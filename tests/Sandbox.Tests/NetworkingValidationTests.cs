using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>422 Invalid answers for Ingresses and HTTPRoutes, with the API server's field paths and wording.</summary>
public sealed class NetworkingValidationTests : SandboxTestBase
{
    [Fact]
    public async Task Ingress_WithBadNameAndPathType_Returns422WithCauses()
    {
        var ingress = IngressApiTests.NewIngress("Checkout_1", "shop.example", pathType: "Regex");

        var (code, status) = await ExpectErrorAsync(() => Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "shop"));

        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason);
        Assert.StartsWith("Ingress.networking.k8s.io \"Checkout_1\" is invalid: [metadata.name: Invalid value: \"Checkout_1\"", status.Message);
        Assert.Contains(
            "spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"",
            status.Message);
        Assert.Equal(["metadata.name", "spec.rules[0].http.paths[0].pathType"], status.Details.Causes.Select(c => c.Field));
        Assert.Equal("FieldValueNotSupported", status.Details.Causes[1].Reason);
        Assert.Equal("Ingress", status.Details.Kind);
    }

    [Fact]
    public async Task Ingress_PathWithoutServiceName_Returns422Required()
    {
        var ingress = IngressApiTests.NewIngress("checkout", "shop.example", service: null);

        var (code, status) = await ExpectErrorAsync(() => Client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "shop"));

        Assert.Equal(422, code);
        Assert.Equal(
            "Ingress.networking.k8s.io \"checkout\" is invalid: spec.rules[0].http.paths[0].backend.service.name: Required value",
            status.Message);
    }

    [Theory]
    [InlineData("""{"pathType":"Prefix","path":"/","backend":{}}""", "spec.rules[0].http.paths[0].backend: Invalid value: \"\": resource or service backend is required")]
    [InlineData("""{"path":"/","backend":{"service":{"name":"web","port":{"number":80}}}}""", "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified")]
    [InlineData("""{"pathType":"Exact","path":"api","backend":{"service":{"name":"web","port":{"number":80}}}}""", "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path")]
    [InlineData("""{"pathType":"Prefix","path":"/","backend":{"service":{"name":"web","port":{}}}}""", "spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required")]
    public async Task Ingress_InvalidPath_Returns422(string path, string expected)
    {
        var body = JsonNode.Parse("""
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},
             "spec":{"rules":[{"host":"web.example","http":{"paths":[]}}]}}
            """)!;
        body["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray().Add(JsonNode.Parse(path));

        var (code, status) = await ExpectErrorAsync(() =>
            Client.NetworkingV1.CreateNamespacedIngressAsync(KubernetesJson.Deserialize<V1Ingress>(body.ToJsonString()), "shop"));

        Assert.Equal(422, code);
        Assert.Equal($"Ingress.networking.k8s.io \"web\" is invalid: {expected}", status.Message);
    }

    [Fact]
    public async Task Ingress_InvalidReplace_LeavesTheStoredObject()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(IngressApiTests.NewIngress("checkout", "shop.example"), "shop");
        var current = await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop");
        current.Spec.Rules[0].Host = "10.0.0.1";

        var (code, status) = await ExpectErrorAsync(() => Client.NetworkingV1.ReplaceNamespacedIngressAsync(current, "checkout", "shop"));

        Assert.Equal(422, code);
        Assert.Contains("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address", status.Message);
        Assert.Equal("shop.example", (await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop")).Spec.Rules[0].Host);
    }

    [Fact]
    public async Task HttpRoute_BackendWithoutName_Returns422Required()
    {
        var route = HttpRouteApiTests.NewRoute("search");
        route["spec"]!["rules"]![0]!["backendRefs"]![1]!.AsObject().Remove("name");

        var (code, status) = await ExpectErrorAsync(() => CreateRouteAsync(route));

        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("HTTPRoute.gateway.networking.k8s.io \"search\" is invalid: spec.rules[0].backendRefs[1].name: Required value", status.Message);
        Assert.Equal("HTTPRoute", status.Details.Kind);
        Assert.Equal("gateway.networking.k8s.io", status.Details.Group);
        Assert.Equal("spec.rules[0].backendRefs[1].name", Assert.Single(status.Details.Causes).Field);
    }

    [Theory]
    [InlineData(1_000_001, "spec.rules[0].backendRefs[0].weight: Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000")]
    [InlineData(-1, "spec.rules[0].backendRefs[0].weight: Invalid value: -1: spec.rules[0].backendRefs[0].weight in body should be greater than or equal to 0")]
    public async Task HttpRoute_WeightOutOfRange_Returns422(int weight, string expected)
    {
        var (code, status) = await ExpectErrorAsync(() => CreateRouteAsync(HttpRouteApiTests.NewRoute("search", stableWeight: weight)));

        Assert.Equal(422, code);
        Assert.Equal($"HTTPRoute.gateway.networking.k8s.io \"search\" is invalid: {expected}", status.Message);
    }

    [Fact]
    public async Task HttpRoute_HeaderMatchTypeAndMissingPort_Return422()
    {
        var route = HttpRouteApiTests.NewRoute("search");
        var rule = route["spec"]!["rules"]![0]!.AsObject();
        rule["matches"] = JsonNode.Parse("""[{"headers":[{"name":"x-canary","value":"on","type":"Prefix"}]}]""");
        rule["backendRefs"]![1]!.AsObject().Remove("port");

        var (code, status) = await ExpectErrorAsync(() => CreateRouteAsync(route));

        Assert.Equal(422, code);
        Assert.Contains(
            "spec.rules[0].matches[0].headers[0].type: Unsupported value: \"Prefix\": supported values: \"Exact\", \"RegularExpression\"", status.Message);
        Assert.Contains("spec.rules[0].backendRefs[1]: Invalid value: \"object\": Must have port for Service reference", status.Message);
    }

    [Fact]
    public async Task HttpRoute_InvalidPatch_Returns422AndLeavesTheRoute()
    {
        await CreateRouteAsync(HttpRouteApiTests.NewRoute("search"));

        var (code, status) = await ExpectErrorAsync(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":"half"}]""", V1Patch.PatchType.JsonPatch),
            "gateway.networking.k8s.io",
            "v1",
            "shop",
            "httproutes",
            "search"));

        Assert.Equal(422, code);
        Assert.Contains("spec.rules[0].backendRefs[0].weight in body must be of type integer: \"string\"", status.Message);
        var stored = Sandbox.GetObject("HTTPRoute", "shop", "search")!;
        Assert.Equal(100, (int?)stored["spec"]!["rules"]![0]!["backendRefs"]![0]!["weight"]);
    }

    [Fact]
    public async Task HttpRoute_ValidRegularExpressionHeaderMatch_IsAccepted()
    {
        var route = HttpRouteApiTests.NewRoute("search");
        route["spec"]!["rules"]![0]!["matches"] = JsonNode.Parse("""[{"headers":[{"name":"cookie","value":"canary=always","type":"RegularExpression"}]}]""");

        await CreateRouteAsync(route);

        var stored = Sandbox.GetObject("httproutes", "shop", "search")!;
        Assert.Equal("RegularExpression", (string?)stored["spec"]!["rules"]![0]!["matches"]![0]!["headers"]![0]!["type"]);
        Assert.Equal("/", (string?)stored["spec"]!["rules"]![0]!["matches"]![0]!["path"]!["value"]);
    }

    private Task<object> CreateRouteAsync(JsonObject route) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(route, "gateway.networking.k8s.io", "v1", "shop", "httproutes");
}
