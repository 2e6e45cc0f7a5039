using System.Net;
using System.Text.Json.Nodes;
using k8s;
using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

/// <summary>The nginx and gateway routers against the sandbox's API server, through KubernetesClient, field by field.</summary>
public sealed class ExactRoutersTests
{
    private static readonly RouteRule Testers = new() { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" };
    private static readonly RouteRule Beta = new() { Kind = RouteRuleKind.Cookie, Name = "beta" };

    [Fact]
    public async Task Nginx_WeightsThenPromotion_LeaveOnlyTheStableObjects()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(NginxIngressRouter.ProviderName);
        var app = SandboxFixture.Payments;
        var release = SandboxFixture.ReleaseOf(app, "v3.1.0", "v3.2.0");

        foreach (var (weight, pods) in new[] { (0, 0), (5, 1), (50, 2), (100, 4) })
        {
            await router.ChangeAsync(app, release, TrafficTarget.Canary(weight), ChangeMode.Apply, default);

            var canary = Object(cluster, "Ingress", "payments-canary");
            Assert.Equal(("true", weight.ToString()), (Annotation(canary, "canary"), Annotation(canary, "canary-weight")));
            Assert.Null(Annotation(canary, "canary-by-header"));
            Assert.Equal("payments.example", (string?)canary["spec"]!["rules"]![0]!["host"]);
            Assert.Equal("payments-canary", (string?)canary["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["name"]);
            Assert.Equal(pods, (int?)Object(cluster, "Deployment", "payments-canary")["spec"]!["replicas"]);
            Assert.Equal((4, "registry.example/payments:v3.1.0"), Stable(cluster, "payments"));
            var service = Object(cluster, "Service", "payments-canary");
            Assert.Equal(("payments", "canary"), ((string?)service["spec"]!["selector"]!["app"], (string?)service["spec"]!["selector"]!["track"]));
            Assert.Equal(("payments", "stable"), StableSelector(cluster, "payments"));
        }

        await router.ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.Apply, default);

        Assert.Equal((4, "registry.example/payments:v3.2.0"), Stable(cluster, "payments"));
        Assert.Null(cluster.Sandbox.GetObject("Ingress", "shop", "payments-canary"));
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "payments-canary"));
        Assert.Null(cluster.Sandbox.GetObject("Service", "shop", "payments-canary"));
        Assert.Equal("payments", (string?)Object(cluster, "Ingress", "payments")["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["name"]);
        Assert.Equal(("payments", null), StableSelector(cluster, "payments"));
        Assert.Null(Object(cluster, "Service", "payments")["metadata"]?["annotations"]?[StableServicePin.PinnedAnnotation]);
    }

    [Fact]
    public async Task Nginx_PinsTheStableServiceAfterItsPodsAreLabelled_AndTheRollbackUnpinsAfterTheCanaryGoes()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(NginxIngressRouter.ProviderName);
        var app = SandboxFixture.Payments;
        var release = SandboxFixture.ReleaseOf(app, "v3.1.0", "v3.2.0");

        var preview = await router.ChangeAsync(app, release, TrafficTarget.Canary(10), ChangeMode.DryRun, default);
        Assert.Contains(new ClusterChange("Service shop/payments", "spec.selector.track", null, "stable"), preview);
        Assert.Equal(("payments", null), StableSelector(cluster, "payments"));

        var started = (await router.ChangeAsync(app, release, TrafficTarget.Canary(10), ChangeMode.Apply, default)).ToList();
        var pinned = started.IndexOf(new ClusterChange("Service shop/payments", "spec.selector.track", null, "stable"));
        Assert.True(pinned > started.FindIndex(c => c.Field == "spec.template.metadata.labels.track"), string.Join(" | ", started));
        Assert.True(pinned < started.FindIndex(c => c.Object == "Ingress shop/payments-canary"), string.Join(" | ", started));
        Assert.Equal(("payments", "stable"), StableSelector(cluster, "payments"));
        Assert.Equal("stable", (string?)Object(cluster, "Service", "payments")["metadata"]!["annotations"]![StableServicePin.PinnedAnnotation]);
        Assert.DoesNotContain(await router.ChangeAsync(app, release, TrafficTarget.Canary(30), ChangeMode.Apply, default), c => c.Object == "Service shop/payments");

        var rolledBack = (await router.ChangeAsync(app, release, TrafficTarget.RolledBack, ChangeMode.Apply, default)).ToList();
        var unpinned = rolledBack.IndexOf(new ClusterChange("Service shop/payments", "spec.selector.track", "stable", null));
        Assert.True(unpinned > rolledBack.FindIndex(c => c.Object == "Deployment shop/payments-canary"), string.Join(" | ", rolledBack));
        Assert.True(unpinned < rolledBack.FindIndex(c => c.Object == "Service shop/payments-canary"), string.Join(" | ", rolledBack));
        Assert.Equal(("payments", null), StableSelector(cluster, "payments"));
    }

    [Fact]
    public async Task Gateway_AStableServiceThatAlreadySelectsTheTrack_IsLeftAsItWas()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(GatewayRouter.ProviderName);
        var app = SandboxFixture.Search;
        var release = SandboxFixture.ReleaseOf(app, "v5.2.0", "v5.3.0");
        var client = new k8s.Kubernetes(cluster.Config);
        var own = await client.CoreV1.ReadNamespacedServiceAsync("search", "shop");
        own.Spec.Selector["track"] = "stable";
        await client.CoreV1.ReplaceNamespacedServiceAsync(own, "search", "shop");
        await router.ChangeAsync(app, release, TrafficTarget.Canary(0), ChangeMode.Apply, default);
        await router.ChangeAsync(app, release, TrafficTarget.Canary(50), ChangeMode.Apply, default);

        var promoted = await router.ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.Apply, default);

        Assert.DoesNotContain(promoted, c => c.Object == "Service shop/search");
        Assert.Equal(("search", "stable"), StableSelector(cluster, "search"));
        Assert.Null(Object(cluster, "Service", "search")["metadata"]?["annotations"]?[StableServicePin.PinnedAnnotation]);
    }

    [Fact]
    public async Task Nginx_HeaderRuleThenWeightThenClear_ThenCookie_ThenRollback()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(NginxIngressRouter.ProviderName);
        var app = SandboxFixture.Payments;
        var release = SandboxFixture.ReleaseOf(app, "v3.1.0", "v3.2.0");

        await router.ChangeAsync(app, release, TrafficTarget.Canary(0, [Testers]), ChangeMode.Apply, default);
        var ruled = Object(cluster, "Ingress", "payments-canary");
        Assert.Equal(("0", "X-Canary", "testers"), (Annotation(ruled, "canary-weight"), Annotation(ruled, "canary-by-header"), Annotation(ruled, "canary-by-header-value")));
        Assert.Equal(1, (int?)Object(cluster, "Deployment", "payments-canary")["spec"]!["replicas"]);

        await router.ChangeAsync(app, release, TrafficTarget.Canary(20, [Testers]), ChangeMode.Apply, default);
        Assert.Equal(("20", "X-Canary"), (Annotation(Object(cluster, "Ingress", "payments-canary"), "canary-weight"), Annotation(Object(cluster, "Ingress", "payments-canary"), "canary-by-header")));

        var cleared = await router.ChangeAsync(app, release, TrafficTarget.Canary(20), ChangeMode.Apply, default);
        var plain = Object(cluster, "Ingress", "payments-canary");
        Assert.Equal(("20", null, null), (Annotation(plain, "canary-weight"), Annotation(plain, "canary-by-header"), Annotation(plain, "canary-by-header-value")));
        Assert.Contains(new ClusterChange("Ingress shop/payments-canary", "metadata.annotations[nginx.ingress.kubernetes.io/canary-by-header]", "X-Canary", null), cleared);

        await router.ChangeAsync(app, release, TrafficTarget.Canary(20, [Beta]), ChangeMode.Apply, default);
        Assert.Equal("beta", Annotation(Object(cluster, "Ingress", "payments-canary"), "canary-by-cookie"));

        await router.ChangeAsync(app, release, TrafficTarget.RolledBack, ChangeMode.Apply, default);
        Assert.Equal((4, "registry.example/payments:v3.1.0"), Stable(cluster, "payments"));
        Assert.Null(cluster.Sandbox.GetObject("Ingress", "shop", "payments-canary"));
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "payments-canary"));
        Assert.Null(cluster.Sandbox.GetObject("Service", "shop", "payments-canary"));
    }

    [Fact]
    public async Task Nginx_TwoHeaderRules_AreRefusedWithTheReason_AndChangeNothing()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(NginxIngressRouter.ProviderName);
        var release = SandboxFixture.ReleaseOf(SandboxFixture.Payments, "v3.1.0", "v3.2.0");
        var other = new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Team", Value = "payments" };

        var preview = router.Preview(release, TrafficTarget.Canary(0, [Testers, other]));
        await Assert.ThrowsAsync<ClusterException>(() => router.ChangeAsync(SandboxFixture.Payments, release, TrafficTarget.Canary(0, [Testers, other]), ChangeMode.Apply, default));

        Assert.StartsWith("NGINX Ingress can send the canary one header rule and one cookie rule at a time", preview.Refusal, StringComparison.Ordinal);
        Assert.Null(cluster.Sandbox.GetObject("Ingress", "shop", "payments-canary"));
        Assert.Null(cluster.Sandbox.GetObject("Service", "shop", "payments-canary"));
    }

    [Fact]
    public async Task Nginx_ConflictOnTheCanaryIngress_IsRetriedWithoutDoublingTheChange()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var app = SandboxFixture.Payments;
        var release = SandboxFixture.ReleaseOf(app, "v3.1.0", "v3.2.0");
        await cluster.Router(NginxIngressRouter.ProviderName).ChangeAsync(app, release, TrafficTarget.Canary(5), ChangeMode.Apply, default);
        using var interferer = new StaleWriteInterferer(cluster.Sandbox.BaseAddress, "/apis/networking.k8s.io/v1/namespaces/shop/ingresses/payments-canary");

        var changes = await cluster.Router(NginxIngressRouter.ProviderName, interferer).ChangeAsync(app, release, TrafficTarget.Canary(50), ChangeMode.Apply, default);

        Assert.Equal(HttpStatusCode.Conflict, interferer.PutResults[0]);
        Assert.Equal(HttpStatusCode.OK, interferer.PutResults[^1]);
        var canary = Object(cluster, "Ingress", "payments-canary");
        Assert.Equal(("50", "someone-else"), (Annotation(canary, "canary-weight"), (string?)canary["metadata"]!["annotations"]!["touched-by"]));
        Assert.Single(changes, c => c.Field.EndsWith("canary-weight]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateway_WeightsRulesAndPromotion_ShapeTheHttpRoute()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(GatewayRouter.ProviderName);
        var app = SandboxFixture.Search;
        var release = SandboxFixture.ReleaseOf(app, "v5.2.0", "v5.3.0");

        foreach (var (weight, pods) in new[] { (0, 0), (5, 1), (50, 2), (100, 4) })
        {
            await router.ChangeAsync(app, release, TrafficTarget.Canary(weight), ChangeMode.Apply, default);

            Assert.Equal(weight == 0 ? "search:80" : $"search:80 w{100 - weight}, search-canary:80 w{weight}", Refs(Object(cluster, "HTTPRoute", "search"), 0));
            Assert.Single(Rules(cluster));
            Assert.Equal(pods, (int?)Object(cluster, "Deployment", "search-canary")["spec"]!["replicas"]);
            Assert.Equal((4, "registry.example/search:v5.2.0"), Stable(cluster, "search"));
        }

        await router.ChangeAsync(app, release, TrafficTarget.Canary(20, [Testers, Beta]), ChangeMode.Apply, default);
        var users = Rules(cluster)[0]!;
        Assert.Equal(GatewayRouteShape.UsersRule, (string?)users["name"]);
        Assert.Equal("search-canary:80 w1", Refs(Object(cluster, "HTTPRoute", "search"), 0));
        Assert.Equal(["X-Canary=testers", "Cookie=(^|;\\s*)beta=always(;|$)"],
            users["matches"]!.AsArray().Select(m => $"{(string?)m!["headers"]![0]!["name"]}={(string?)m["headers"]![0]!["value"]}"));
        Assert.Equal("search:80 w80, search-canary:80 w20", Refs(Object(cluster, "HTTPRoute", "search"), 1));

        await router.ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.Apply, default);

        Assert.Equal((4, "registry.example/search:v5.3.0"), Stable(cluster, "search"));
        Assert.Single(Rules(cluster));
        Assert.Equal("search:80", Refs(Object(cluster, "HTTPRoute", "search"), 0));
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "search-canary"));
        Assert.Null(cluster.Sandbox.GetObject("Service", "shop", "search-canary"));
        Assert.Empty(await router.ChangeAsync(app, release, TrafficTarget.Promoted, ChangeMode.DryRun, default));
    }

    [Fact]
    public async Task Gateway_Rollback_RestoresTheRouteBeforeTheCanaryGoes()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var router = cluster.Router(GatewayRouter.ProviderName);
        var app = SandboxFixture.Search;
        var release = SandboxFixture.ReleaseOf(app, "v5.2.0", "v5.3.0");
        await router.ChangeAsync(app, release, TrafficTarget.Canary(50, [Testers]), ChangeMode.Apply, default);

        var changes = await router.ChangeAsync(app, release, TrafficTarget.RolledBack, ChangeMode.Apply, default);

        Assert.Equal("search:80", Refs(Object(cluster, "HTTPRoute", "search"), 0));
        Assert.Single(Rules(cluster));
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "search-canary"));
        Assert.Equal((4, "registry.example/search:v5.2.0"), Stable(cluster, "search"));
        var order = changes.Select(c => c.Object).ToList();
        Assert.True(order.IndexOf("HTTPRoute shop/search") < order.IndexOf("Deployment shop/search-canary"), string.Join(" | ", changes));
    }

    private static JsonObject Object(SandboxFixture cluster, string kind, string name) =>
        cluster.Sandbox.GetObject(kind, "shop", name) ?? throw new Xunit.Sdk.XunitException($"{kind} shop/{name} does not exist.");

    private static (string? App, string? Track) StableSelector(SandboxFixture cluster, string name)
    {
        var selector = Object(cluster, "Service", name)["spec"]!["selector"]!;
        return ((string?)selector["app"], (string?)selector["track"]);
    }

    private static JsonArray Rules(SandboxFixture cluster) => Object(cluster, "HTTPRoute", "search")["spec"]!["rules"]!.AsArray();

    private static string Refs(JsonObject route, int rule) =>
        string.Join(", ", route["spec"]!["rules"]![rule]!["backendRefs"]!.AsArray().Select(r =>
            $"{(string?)r!["name"]}:{(int?)r["port"]}" + (route["spec"]!["rules"]![rule]!["backendRefs"]!.AsArray().Count > 1 || (string?)r["name"] != "search" ? $" w{(int?)r["weight"] ?? 1}" : string.Empty)));

    private static string? Annotation(JsonObject ingress, string name) =>
        (string?)ingress["metadata"]?["annotations"]?[NginxCanaryIngress.Prefix + name];

    private static (int? Replicas, string? Image) Stable(SandboxFixture cluster, string name)
    {
        var stable = Object(cluster, "Deployment", name);
        return ((int?)stable["spec"]!["replicas"], (string?)stable["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }
}
