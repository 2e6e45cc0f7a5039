using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

/// <summary>Blue-green releases of the sandbox's apps, and what their objects look like in the sandbox.</summary>
internal static class BlueGreen
{
    /// <summary>The app a router's tests use and a blue-green release of it, keeping <paramref name="kept"/> old pods after the switch (all when null).</summary>
    public static (AppSpec App, Release Release) Of(string router, int? kept = null)
    {
        var (app, from, to) = router switch
        {
            NginxIngressRouter.ProviderName => (SandboxFixture.Payments, "v3.1.0", "v3.2.0"),
            GatewayRouter.ProviderName => (SandboxFixture.Search, "v5.2.0", "v5.3.0"),
            _ => (SandboxFixture.Checkout, "v1.0.0", "v2.0.0"),
        };
        var settings = BlueGreenSettings.Default with { OldReplicas = kept };
        var release = SandboxFixture.ReleaseOf(app, from, to);
        release.Strategy = ReleaseStrategy.BlueGreen;
        release.OldReplicas = settings.OldPods(release.StableReplicas);
        return (app with { Strategy = ReleaseStrategy.BlueGreen, BlueGreen = settings }, release);
    }

    /// <summary>A Deployment's desired and ready pods and its image.</summary>
    public static (int Replicas, int Ready, string? Image) Deployment(SandboxFixture cluster, string name)
    {
        var deployment = Object(cluster, "Deployment", name);
        return ((int?)deployment["spec"]!["replicas"] ?? 1, (int?)deployment["status"]?["readyReplicas"] ?? 0,
            (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    /// <summary>The track the live Service selects, if any.</summary>
    public static string? LiveTrack(SandboxFixture cluster, AppSpec app) => (string?)Object(cluster, "Service", app.Service)["spec"]!["selector"]!["track"];

    /// <summary>The router's preview header route: the canary Ingress or the HTTPRoute's users rule, sending X-Preview: true (and nothing else) to the preview Service.</summary>
    public static void AssertPreviewRoute(SandboxFixture cluster, AppSpec app, string router)
    {
        if (router == NginxIngressRouter.ProviderName)
        {
            var ingress = Object(cluster, "Ingress", $"{app.Entry}-canary");
            var annotations = ingress["metadata"]!["annotations"]!;
            Assert.Equal(("true", "0", "X-Preview", "true"), (
                (string?)annotations[NginxCanaryIngress.Canary], (string?)annotations[NginxCanaryIngress.Weight],
                (string?)annotations[NginxCanaryIngress.ByHeader], (string?)annotations[NginxCanaryIngress.ByHeaderValue]));
            Assert.Equal(app.CanaryService, (string?)ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["name"]);
        }
        else if (router == GatewayRouter.ProviderName)
        {
            var rules = Object(cluster, "HTTPRoute", app.Entry)["spec"]!["rules"]!.AsArray();
            Assert.Equal(2, rules.Count);
            Assert.Equal(GatewayRouteShape.UsersRule, (string?)rules[0]!["name"]);
            Assert.Equal("X-Preview=true", $"{(string?)rules[0]!["matches"]![0]!["headers"]![0]!["name"]}={(string?)rules[0]!["matches"]![0]!["headers"]![0]!["value"]}");
            Assert.Equal([app.CanaryService], rules[0]!["backendRefs"]!.AsArray().Select(r => (string?)r!["name"]));
            Assert.Equal([app.Service], rules[1]!["backendRefs"]!.AsArray().Select(r => (string?)r!["name"]));
        }
    }

    /// <summary>What a finished canary release leaves: the stable Deployment alone on <paramref name="image"/> at full size, no canary object, no pin.</summary>
    public static void AssertOneColourLeft(SandboxFixture cluster, AppSpec app, string image)
    {
        Assert.Equal((4, 4, image), Deployment(cluster, app.Deployment));
        Assert.Null(cluster.Sandbox.GetObject("Deployment", app.Namespace, app.CanaryDeployment));
        Assert.Null(cluster.Sandbox.GetObject("Service", app.Namespace, app.CanaryService));
        Assert.Null(cluster.Sandbox.GetObject("Ingress", app.Namespace, $"{app.Entry}-canary"));
        Assert.Null(LiveTrack(cluster, app));
        Assert.Null(Object(cluster, "Service", app.Service)["metadata"]?["annotations"]?[StableServicePin.PinnedAnnotation]);
        if (cluster.Sandbox.GetObject("HTTPRoute", app.Namespace, app.Entry) is { } route)
        {
            var rule = Assert.Single(route["spec"]!["rules"]!.AsArray())!;
            Assert.Equal([app.Service], rule["backendRefs"]!.AsArray().Select(r => (string?)r!["name"]));
        }
    }

    /// <summary>How a dry run names the preview route it would make.</summary>
    public static IEnumerable<string> PreviewRouteCreated(AppSpec app, string router) => router switch
    {
        NginxIngressRouter.ProviderName =>
            [$"Ingress shop/{app.Entry}-canary: create (mirrors {app.Entry} to Service {app.CanaryService}; canary=true, canary-weight=0, canary-by-header=X-Preview, canary-by-header-value=true)"],
        GatewayRouter.ProviderName => [$"HTTPRoute shop/{app.Entry}: spec.rules[{GatewayRouteShape.UsersRule}]: (none) → X-Preview: true → {app.CanaryService}:80"],
        _ => [],
    };

    /// <summary>How a dry run names the preview route it would take away.</summary>
    public static IEnumerable<string> PreviewRouteRemoved(AppSpec app, string router) => router switch
    {
        NginxIngressRouter.ProviderName => [$"Ingress shop/{app.Entry}-canary: delete"],
        GatewayRouter.ProviderName => [$"HTTPRoute shop/{app.Entry}: spec.rules[{GatewayRouteShape.UsersRule}]: X-Preview: true → {app.CanaryService}:80 → (none)"],
        _ => [],
    };

    private static JsonObject Object(SandboxFixture cluster, string kind, string name) =>
        cluster.Sandbox.GetObject(kind, "shop", name) ?? throw new Xunit.Sdk.XunitException($"{kind} shop/{name} does not exist.");
}
