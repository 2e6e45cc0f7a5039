using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>
/// The RBAC of manifests/bot grants what the bot calls and nothing more: the requests of whole releases on every
/// router, of flag changes and of a restarts read, recorded on the way to the sandbox's API server, are exactly <see cref="ClusterPermissions.Used"/>, every
/// call in the source is in it, and the rendered Role grants exactly it.
/// </summary>
public sealed partial class ClusterPermissionsTests
{
    private static readonly RouteRule Testers = new() { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" };

    [Fact]
    public async Task ReleasesOnEveryRouter_AskForExactlyTheListedPermissions_AllInTheAppsNamespace()
    {
        var requests = await RecordReleasesAsync();

        Assert.All(requests, r => Assert.True(r.Namespace == "shop", $"{r.Described} is not in the app's namespace"));
        Assert.Equal(Sorted(ClusterPermissions.Used), Sorted(requests.Select(r => r.Permission)));
    }

    [Fact]
    public void EveryKubernetesCallInTheSource_IsListed_AndEveryListedPermissionHasACall()
    {
        var calls = Directory.EnumerateFiles(Kustomize.PathOf("src", "Bot"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KubernetesCall().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Match: m)))
            .ToList();

        Assert.NotEmpty(calls);
        var found = calls.Select(c => Permission(c.Match.Groups["api"].Value, c.Match.Groups["verb"].Value, c.Match.Groups["kind"].Value)).ToList();
        Assert.DoesNotContain(null, found);
        Assert.Equal(Sorted(ClusterPermissions.Used), Sorted(found.OfType<ClusterPermission>()));
    }

    [Theory]
    [InlineData(BotManifestsTests.Embedded)]
    [InlineData(BotManifestsTests.Postgres)]
    public async Task RenderedRbac_GrantsExactlyTheListedPermissions_InEachAppsNamespace_NothingClusterWide(string folder)
    {
        var rendered = await Kustomize.RenderAsync(folder);
        var account = rendered.Single("ServiceAccount");
        var appNamespaces = BotManifestsTests.Settings(rendered)["Apps"]!.AsObject().Select(a => (string?)a.Value!["Namespace"]).Distinct().ToList();

        Assert.Empty(rendered.OfKind("ClusterRole"));
        Assert.Empty(rendered.OfKind("ClusterRoleBinding"));
        var roles = rendered.OfKind("Role").ToList();
        Assert.Equal(appNamespaces.Order(), roles.Select(r => (string?)r["metadata"]!["namespace"]).Order());
        foreach (var role in roles)
        {
            var granted = role["rules"]!.AsArray().SelectMany(rule =>
                from g in rule!["apiGroups"]!.AsArray()
                from r in rule["resources"]!.AsArray()
                from v in rule["verbs"]!.AsArray()
                select new ClusterPermission((string?)g ?? "", (string)r!, (string)v!));
            Assert.Equal(Sorted(ClusterPermissions.Used), Sorted(granted));
            Assert.All(role["rules"]!.AsArray(), rule => Assert.Null(rule!["resourceNames"]));

            var binding = Assert.Single(rendered.OfKind("RoleBinding"), b => (string?)b["metadata"]!["namespace"] == (string?)role["metadata"]!["namespace"]);
            Assert.Equal(("Role", (string?)role["metadata"]!["name"]), ((string?)binding["roleRef"]!["kind"], (string?)binding["roleRef"]!["name"]));
            var subject = Assert.Single(binding["subjects"]!.AsArray())!;
            Assert.Equal(
                ("ServiceAccount", (string?)account["metadata"]!["name"], (string?)account["metadata"]!["namespace"]),
                ((string?)subject["kind"], (string?)subject["name"], (string?)subject["namespace"]));
        }
    }

    [Theory]
    [InlineData("GET", "/apis/apps/v1/namespaces/shop/deployments/checkout", "apps", "deployments", "get", "shop")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods", "", "pods", "list", "shop")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods?watch=true", "", "pods", "watch", "shop")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/shop/deployments/checkout/scale", "apps", "deployments/scale", "patch", "shop")]
    [InlineData("GET", "/api/v1/namespaces/shop", "", "namespaces", "get", null)]
    [InlineData("DELETE", "/apis/networking.k8s.io/v1/namespaces/shop/ingresses", "networking.k8s.io", "ingresses", "deletecollection", "shop")]
    public void Recorder_NamesRequestsAsRbacDoes(string method, string path, string group, string resource, string verb, string? @namespace)
    {
        var request = KubernetesRequestRecorder.Describe(new HttpMethod(method), new Uri("https://cluster.example" + path));

        Assert.Equal((new ClusterPermission(group, resource, verb), @namespace), (request.Permission, request.Namespace));
    }

    /// <summary>A whole release on each router (dry run, deploy, weights, a header rule, full), another rolled back, blue-green releases, reads and a restarts read.</summary>
    private static async Task<List<KubernetesRequest>> RecordReleasesAsync()
    {
        var requests = new ConcurrentQueue<KubernetesRequest>();
        await using var cluster = await SandboxFixture.StartAsync();
        foreach (var (router, app, from) in new[]
        {
            (ReplicaRatioRouter.ProviderName, SandboxFixture.Checkout, "v1.0.0"),
            (NginxIngressRouter.ProviderName, SandboxFixture.Payments, "v3.1.0"),
            (GatewayRouter.ProviderName, SandboxFixture.Search, "v5.2.0"),
        })
        {
            var routing = cluster.Router(router, new KubernetesRequestRecorder(requests));
            var release = SandboxFixture.ReleaseOf(app, from, "v9.0.0");
            await routing.ChangeAsync(app, release, TrafficTarget.Canary(10), ChangeMode.DryRun, default);
            var steps = routing.SupportsRules
                ? new[] { TrafficTarget.Canary(0), TrafficTarget.Canary(0, [Testers]), TrafficTarget.Canary(20, [Testers]), TrafficTarget.Canary(50), TrafficTarget.Promoted }
                : [TrafficTarget.Canary(0), TrafficTarget.Canary(25), TrafficTarget.Canary(50), TrafficTarget.Promoted];
            foreach (var step in steps)
            {
                await routing.ChangeAsync(app, release, step, ChangeMode.Apply, default);
            }

            var rolledBack = SandboxFixture.ReleaseOf(app, "v9.0.0", "v9.1.0");
            await routing.ChangeAsync(app, rolledBack, TrafficTarget.Canary(25), ChangeMode.Apply, default);
            await routing.ChangeAsync(app, rolledBack, TrafficTarget.RolledBack, ChangeMode.Apply, default);
            await RecordBlueGreenAsync(routing, app);
            await cluster.Workloads(null, new KubernetesRequestRecorder(requests)).ReadAsync(app, default);

            // The restarts gate metric: the stable Deployment read, its pods listed.
            using (var restarts = new PodRestarts(_ => new k8s.Kubernetes(cluster.Config, new KubernetesRequestRecorder(requests)), SandboxFixture.Retry(Options.Create(SandboxFixture.FastOptions()))))
            {
                Assert.NotNull(await restarts.ReadAsync("sandbox", app, canary: false, default));
            }

            // A feature flag turned on (the ConfigMap is read, then created) and off again (read, then replaced).
            var flags = new KubernetesFlagMaps(new k8s.Kubernetes(cluster.Config, new KubernetesRequestRecorder(requests)),
                SandboxFixture.Retry(Options.Create(SandboxFixture.FastOptions())), NullLogger<KubernetesFlagMaps>.Instance);
            await flags.ChangeAsync(app, set => set.With(new FeatureFlag { Name = "new-ui", Enabled = true }), default);
            await flags.ChangeAsync(app, set => set.With(FeatureFlag.Off("new-ui")), default);
        }

        return [.. requests];
    }

    /// <summary>Two blue-green releases: a dry run, preview, switch (keeping one old pod) and retirement; then preview, switch and a switch back.</summary>
    private static async Task RecordBlueGreenAsync(ITrafficRouter routing, AppSpec app)
    {
        foreach (var (from, to, end) in new[] { ("v9.0.0", "v10.0.0", TrafficTarget.Promoted), ("v10.0.0", "v10.1.0", TrafficTarget.RolledBack) })
        {
            var release = SandboxFixture.ReleaseOf(app, from, to);
            (release.Strategy, release.OldReplicas) = (ReleaseStrategy.BlueGreen, 1);
            await routing.ChangeAsync(app, release, TrafficTarget.Preview, ChangeMode.DryRun, default);
            foreach (var step in new[] { TrafficTarget.Preview, TrafficTarget.Switched, end })
            {
                await routing.ChangeAsync(app, release, step, ChangeMode.Apply, default);
            }
        }
    }

    /// <summary>A KubernetesClient call's permission: <c>AppsV1.ReplaceNamespacedDeploymentAsync</c> → (apps, deployments, update).</summary>
    private static ClusterPermission? Permission(string api, string verb, string kind)
    {
        var group = api switch
        {
            "CoreV1" => "",
            "AppsV1" => "apps",
            "NetworkingV1" => "networking.k8s.io",
            "CustomObjects" when kind == "CustomObject" => GatewayRoutes.Group,
            _ => null,
        };
        var resource = kind == "CustomObject" ? GatewayRoutes.Plural : kind.ToLowerInvariant() + (kind.EndsWith('s') ? "es" : "s");
        var rbacVerb = verb switch
        {
            "Read" or "Get" => "get",
            "Create" => "create",
            "Replace" => "update",
            "Delete" => "delete",
            "Patch" => "patch",
            "List" => "list",
            _ => null,
        };
        return group is null || rbacVerb is null ? null : new ClusterPermission(group, resource, rbacVerb);
    }

    private static List<string> Sorted(IEnumerable<ClusterPermission> permissions) =>
        [.. permissions.Select(p => $"{p.ApiGroup}/{p.Resource}:{p.Verb}").Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\.(?<api>CoreV1|AppsV1|NetworkingV1|CustomObjects|[A-Z]\w*V\d\w*)\.(?<verb>[A-Z][a-z]+)(Namespaced)?(?<kind>[A-Z]\w*?)(Status|Scale)?(WithHttpMessages)?Async\(")]
    private static partial Regex KubernetesCall();
}
