using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Ingresses through the real KubernetesClient's <c>NetworkingV1</c> operations.</summary>
public sealed class IngressApiTests : SandboxTestBase
{
    [Fact]
    public async Task Create_ReturnsStoredIngressWithAddressAndGeneration()
    {
        var created = await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example"), "shop");
        var read = await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop");

        Assert.Equal("Ingress", created.Kind);
        Assert.Equal("networking.k8s.io/v1", created.ApiVersion);
        Assert.Equal("shop", created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("10.96.0.200", Assert.Single(created.Status.LoadBalancer.Ingress).Ip);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        var path = Assert.Single(Assert.Single(read.Spec.Rules).Http.Paths);
        Assert.Equal("checkout", path.Backend.Service.Name);
        Assert.Equal(80, path.Backend.Service.Port.Number);
        Assert.Equal("nginx", read.Spec.IngressClassName);
    }

    [Fact]
    public async Task Replace_ChangingSpec_BumpsGenerationAndKeepsStatus()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example"), "shop");
        var current = await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop");
        current.Spec.Rules[0].Host = "www.shop.example";
        current.Status = null;

        var replaced = await Client.NetworkingV1.ReplaceNamespacedIngressAsync(current, "checkout", "shop");

        Assert.Equal(2, replaced.Metadata.Generation);
        Assert.Equal("www.shop.example", replaced.Spec.Rules[0].Host);
        Assert.Equal("10.96.0.200", replaced.Status.LoadBalancer.Ingress[0].Ip);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(current.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Returns409Conflict()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example"), "shop");
        var stale = await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop");
        var fresh = await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop");
        fresh.Spec.Rules[0].Host = "fresh.shop.example";
        await Client.NetworkingV1.ReplaceNamespacedIngressAsync(fresh, "checkout", "shop");
        stale.Spec.Rules[0].Host = "stale.shop.example";

        var (code, status) = await ExpectErrorAsync(() => Client.NetworkingV1.ReplaceNamespacedIngressAsync(stale, "checkout", "shop"));

        Assert.Equal(409, code);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal(
            "Operation cannot be fulfilled on ingresses.networking.k8s.io \"checkout\": the object has been modified; please apply your changes to the latest version and try again",
            status.Message);
        Assert.Equal("networking.k8s.io", status.Details.Group);
        Assert.Equal("ingresses", status.Details.Kind);
        Assert.Equal("fresh.shop.example", (await Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop")).Spec.Rules[0].Host);
    }

    [Fact]
    public async Task MergePatch_OfAnnotations_KeepsGeneration()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout-canary", "shop.example"), "shop");
        var patch = new V1Patch(
            """{"metadata":{"annotations":{"nginx.ingress.kubernetes.io/canary":"true","nginx.ingress.kubernetes.io/canary-weight":"20"}}}""",
            V1Patch.PatchType.MergePatch);

        var patched = await Client.NetworkingV1.PatchNamespacedIngressAsync(patch, "checkout-canary", "shop");
        var removed = await Client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"annotations":{"nginx.ingress.kubernetes.io/canary-weight":null}}}""", V1Patch.PatchType.MergePatch),
            "checkout-canary",
            "shop");

        Assert.Equal("true", patched.Metadata.Annotations["nginx.ingress.kubernetes.io/canary"]);
        Assert.Equal("20", patched.Metadata.Annotations["nginx.ingress.kubernetes.io/canary-weight"]);
        Assert.Equal(1, patched.Metadata.Generation);
        Assert.False(removed.Metadata.Annotations.ContainsKey("nginx.ingress.kubernetes.io/canary-weight"));
    }

    [Fact]
    public async Task JsonAndStrategicPatches_ChangeTheSpec()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example"), "shop");

        var jsonPatched = await Client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/rules/0/host","value":"a.shop.example"}]""", V1Patch.PatchType.JsonPatch),
            "checkout",
            "shop");
        var strategic = await Client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"spec":{"ingressClassName":"traefik"}}""", V1Patch.PatchType.StrategicMergePatch), "checkout", "shop");

        Assert.Equal("a.shop.example", jsonPatched.Spec.Rules[0].Host);
        Assert.Equal(2, jsonPatched.Metadata.Generation);
        Assert.Equal("traefik", strategic.Spec.IngressClassName);
        Assert.Equal(3, strategic.Metadata.Generation);
    }

    [Fact]
    public async Task Delete_ReturnsSuccessStatusAndRemovesTheIngress()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example"), "shop");

        var status = await Client.NetworkingV1.DeleteNamespacedIngressAsync("checkout", "shop");

        Assert.Equal("Success", status.Status);
        var (code, notFound) = await ExpectErrorAsync(() => Client.NetworkingV1.ReadNamespacedIngressAsync("checkout", "shop"));
        Assert.Equal(404, code);
        Assert.Equal("ingresses.networking.k8s.io \"checkout\" not found", notFound.Message);
    }

    [Fact]
    public async Task List_WithLabelSelector_NamespacedAndAllNamespaces()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example", track: "stable"), "shop");
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout-canary", "shop.example", track: "canary"), "shop");
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("search", "search.example", track: "canary"), "other");

        var canaryInShop = await Client.NetworkingV1.ListNamespacedIngressAsync("shop", labelSelector: "track=canary");
        var canaryEverywhere = await Client.NetworkingV1.ListIngressForAllNamespacesAsync(labelSelector: "track in (canary)");
        var byName = await Client.NetworkingV1.ListNamespacedIngressAsync("shop", fieldSelector: "metadata.name=checkout");

        Assert.Equal(["checkout-canary"], canaryInShop.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["checkout-canary", "search"], canaryEverywhere.Items.Select(i => i.Metadata.Name).Order());
        Assert.Equal(["checkout"], byName.Items.Select(i => i.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(canaryInShop.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Watch_ReceivesAddedModifiedDeleted()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var list = await Client.NetworkingV1.ListNamespacedIngressAsync("shop", cancellationToken: cts.Token);
        var events = new List<(WatchEventType Type, V1Ingress Object)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in Client.NetworkingV1.WatchListNamespacedIngressAsync(
                "shop", labelSelector: "track=canary", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                lock (events)
                {
                    events.Add((type, item));
                }

                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, cts.Token);

        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example", track: "stable"), "shop", cancellationToken: cts.Token);
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout-canary", "shop.example", track: "canary"), "shop", cancellationToken: cts.Token);
        await Client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"annotations":{"nginx.ingress.kubernetes.io/canary-weight":"50"}}}""", V1Patch.PatchType.MergePatch),
            "checkout-canary",
            "shop",
            cancellationToken: cts.Token);
        await Client.NetworkingV1.DeleteNamespacedIngressAsync("checkout-canary", "shop", cancellationToken: cts.Token);
        await watching.WaitAsync(cts.Token);

        lock (events)
        {
            Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
            Assert.All(events, e => Assert.Equal("checkout-canary", e.Object.Metadata.Name));
            Assert.All(events, e => Assert.Equal("Ingress", e.Object.Kind));
            Assert.Equal("50", events[1].Object.Metadata.Annotations["nginx.ingress.kubernetes.io/canary-weight"]);
        }
    }

    [Fact]
    public async Task StatusSubresource_ReadsAndReplacesOnlyTheStatus()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(NewIngress("checkout", "shop.example"), "shop");

        var patched = await Client.NetworkingV1.PatchNamespacedIngressStatusAsync(
            new V1Patch("""{"status":{"loadBalancer":{"ingress":[{"hostname":"lb.shop.example"}]}},"spec":{"ingressClassName":"ignored"}}""",
                V1Patch.PatchType.MergePatch),
            "checkout",
            "shop");
        var viaStatus = await Client.NetworkingV1.ReadNamespacedIngressStatusAsync("checkout", "shop");

        Assert.Equal("lb.shop.example", Assert.Single(patched.Status.LoadBalancer.Ingress).Hostname);
        Assert.Equal("nginx", patched.Spec.IngressClassName);
        Assert.Equal("lb.shop.example", viaStatus.Status.LoadBalancer.Ingress[0].Hostname);
    }

    internal static V1Ingress NewIngress(string name, string host, string? track = null, string pathType = "Prefix", string? service = "checkout") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = track is null ? null : new Dictionary<string, string> { ["app"] = "checkout", ["track"] = track },
        },
        Spec = new V1IngressSpec
        {
            IngressClassName = "nginx",
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = pathType,
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = 80 } },
                                },
                            },
                        ],
                    },
                },
            ],
        },
    };
}
