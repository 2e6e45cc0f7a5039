using System.Text.Json.Nodes;
using k8s;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Seeding a workload's entry object: an Ingress or an HTTPRoute named like its Deployment.</summary>
public sealed class EntrySeedingTests : SandboxTestBase
{
    [Fact]
    public async Task Seed_WithIngressEntry_CreatesIngressToTheServicePort80()
    {
        var workload = new SandboxWorkload("shop", "checkout", 1, "registry.local/checkout:1.0", ServiceName: "checkout-svc")
        {
            Entry = SandboxEntry.Ingress("shop.example"),
        };

        await Sandbox.SeedAsync([workload], CancellationToken.None);

        var ingress = await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop");
        Assert.Equal("checkout", ingress.Metadata.Labels["app"]);
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("shop.example", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal("/", path.Path);
        Assert.Equal("Prefix", path.PathType);
        Assert.Equal("checkout-svc", path.Backend.Service.Name);
        Assert.Equal(80, path.Backend.Service.Port.Number);
        Assert.Equal("10.96.0.200", ingress.Status.LoadBalancer.Ingress[0].Ip);
        Assert.NotNull(await Client.CoreV1.ReadNamespacedServiceAsync("checkout-svc", "shop"));
    }

    [Fact]
    public async Task Seed_WithIngressEntryWithoutClass_LeavesClassUnset()
    {
        await Sandbox.SeedAsync(
            [new SandboxWorkload("shop", "checkout", 1, "registry.local/checkout:1.0") { Entry = SandboxEntry.Ingress("shop.example", ingressClass: null) }],
            CancellationToken.None);

        Assert.Null((await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop")).Spec.IngressClassName);
    }

    [Fact]
    public async Task Seed_WithHttpRouteEntry_CreatesRouteOnTheGateway()
    {
        var workload = new SandboxWorkload("shop", "search", 2, "registry.local/search:1.0") { Entry = SandboxEntry.HttpRoute("search.example", "edge") };

        await Sandbox.SeedAsync([workload], CancellationToken.None);

        var route = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("gateway.networking.k8s.io", "v1", "shop", "httproutes", "search");
        Assert.Equal("search", (string?)route["metadata"]!["labels"]!["app"]);
        Assert.Equal(1, (long?)route["metadata"]!["generation"]);
        var spec = route["spec"]!;
        Assert.Equal("edge", (string?)Assert.Single(spec["parentRefs"]!.AsArray())!["name"]);
        Assert.Equal(["search.example"], spec["hostnames"]!.AsArray().Select(h => (string?)h));
        var rule = Assert.Single(spec["rules"]!.AsArray())!;
        var path = Assert.Single(rule["matches"]!.AsArray())!["path"]!;
        Assert.Equal("PathPrefix", (string?)path["type"]);
        Assert.Equal("/", (string?)path["value"]);
        var backend = Assert.Single(rule["backendRefs"]!.AsArray())!;
        Assert.Equal("search", (string?)backend["name"]);
        Assert.Equal(80, (int?)backend["port"]);
        Assert.Equal(1, (int?)backend["weight"]);
    }

    [Fact]
    public async Task Seed_WhenEntryExists_LeavesItAlone()
    {
        var workload = new SandboxWorkload("shop", "search", 1, "registry.local/search:1.0") { Entry = SandboxEntry.HttpRoute("search.example") };
        await Sandbox.SeedAsync([workload], CancellationToken.None);
        var before = Sandbox.GetObject("HTTPRoute", "shop", "search")!;

        await Sandbox.SeedAsync([workload with { Entry = SandboxEntry.HttpRoute("other.example") }], CancellationToken.None);

        var after = Sandbox.GetObject("httproutes", "shop", "search")!;
        Assert.Equal((string?)before["metadata"]!["uid"], (string?)after["metadata"]!["uid"]);
        Assert.Equal("search.example", (string?)after["spec"]!["hostnames"]![0]);
    }

    [Fact]
    public async Task Seed_WithInvalidHost_ThrowsArgumentException()
    {
        var workload = new SandboxWorkload("shop", "checkout", 1, "registry.local/checkout:1.0") { Entry = SandboxEntry.Ingress("Shop_Example") };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Sandbox.SeedAsync([workload], CancellationToken.None));

        Assert.Contains("Ingress shop/checkout", error.Message);
        Assert.Contains("spec.rules[0].host", error.Message);
    }

    [Fact]
    public void Entries_AreValuesAndRejectBlankHosts()
    {
        Assert.Equal(SandboxEntry.HttpRoute("a.example"), SandboxEntry.HttpRoute("a.example", "public"));
        Assert.NotEqual(SandboxEntry.Ingress("a.example"), SandboxEntry.Ingress("a.example", "traefik"));
        Assert.Equal(SandboxEntryKind.HttpRoute, SandboxEntry.HttpRoute("a.example").Kind);
        Assert.Null(SandboxEntry.HttpRoute("a.example").IngressClass);
        Assert.Equal("public", SandboxEntry.HttpRoute("a.example").Gateway);
        Assert.Throws<ArgumentException>(() => SandboxEntry.Ingress(" "));
        Assert.Throws<ArgumentException>(() => SandboxEntry.HttpRoute("a.example", ""));
        Assert.Null(new SandboxWorkload("shop", "web", 1, "img").Entry);
    }
}
