using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>
/// A sandbox on a fake clock (pods ready at once, traffic with a fixed seed) and a KubernetesClient for it. Traffic
/// is simulated only as the test advances the clock, so every test sees the same draws.
/// </summary>
public abstract class TrafficTestBase : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sandbox-tests", Guid.NewGuid().ToString("N"));
    private SandboxCluster? _sandbox;
    private Kubernetes? _client;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected SandboxCluster Sandbox => _sandbox ?? throw new InvalidOperationException("not started");

    protected Kubernetes Client => _client ?? throw new InvalidOperationException("not started");

    /// <summary>The traffic options the sandbox starts with; change them in the constructor.</summary>
    protected SandboxTrafficOptions Traffic { get; } = new() { Seed = 20300102 };

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { PodReadyDelay = TimeSpan.Zero, Traffic = Traffic };
        _sandbox = await SandboxCluster.StartAsync(options, Time, NullLoggerFactory.Instance, CancellationToken.None);
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            _sandbox.WriteKubeconfig(Path.Combine(_directory, "config"))));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>Seeds a workload and waits until all its pods are ready.</summary>
    protected async Task SeedAsync(string app, int replicas, string image, SandboxEntry? entry = null)
    {
        await Sandbox.SeedAsync([new SandboxWorkload("shop", app, replicas, image) { Entry = entry }], CancellationToken.None);
        await WaitForReadyAsync(app, replicas);
    }

    /// <summary>Creates the canary Deployment <c>&lt;app&gt;-canary</c> (pods labelled track=canary) and waits for its pods.</summary>
    protected async Task AddCanaryAsync(string app, int replicas, string image)
    {
        var labels = new Dictionary<string, string> { ["app"] = app, ["track"] = "canary" };
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = $"{app}-canary", Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = app, Image = image }] },
                },
            },
        }, "shop");
        await WaitForReadyAsync($"{app}-canary", replicas);
    }

    /// <summary>Creates the canary Service <c>&lt;app&gt;-canary</c>: the app's pods with track=canary.</summary>
    protected Task AddCanaryServiceAsync(string app) =>
        Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = $"{app}-canary" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = app, ["track"] = "canary" },
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
            },
        }, "shop");

    /// <summary>Creates or replaces the NGINX canary Ingress <c>&lt;app&gt;-canary</c> with these canary annotations.</summary>
    protected async Task SetCanaryIngressAsync(string app, Dictionary<string, string> annotations)
    {
        var all = new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/canary"] = "true" };
        foreach (var (key, value) in annotations)
        {
            all["nginx.ingress.kubernetes.io/" + key] = value;
        }

        var existing = (await Client.NetworkingV1.ListNamespacedIngressAsync("shop", fieldSelector: $"metadata.name={app}-canary")).Items.SingleOrDefault();
        if (existing is not null)
        {
            existing.Metadata.Annotations = all;
            await Client.NetworkingV1.ReplaceNamespacedIngressAsync(existing, $"{app}-canary", "shop");
            return;
        }

        var backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = $"{app}-canary", Port = new V1ServiceBackendPort { Number = 80 } } };
        await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = $"{app}-canary", Annotations = all },
            Spec = new V1IngressSpec
            {
                IngressClassName = "nginx",
                Rules = [new V1IngressRule
                {
                    Host = $"{app}.example",
                    Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = backend }] },
                }],
            },
        }, "shop");
    }

    /// <summary>Replaces the rules of the HTTPRoute named like the app.</summary>
    protected async Task SetRouteRulesAsync(string app, JsonArray rules)
    {
        var route = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("gateway.networking.k8s.io", "v1", "shop", "httproutes", app);
        route["spec"]!["rules"] = rules;
        await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(route, "gateway.networking.k8s.io", "v1", "shop", "httproutes", app);
    }

    /// <summary>Advances the fake clock by <paramref name="duration"/> and returns the traffic of that span as one bucket per side.</summary>
    protected IReadOnlyList<SandboxTrafficBucket> Run(string app, TimeSpan duration)
    {
        var from = Time.GetUtcNow();
        Time.Advance(duration);
        return Sandbox.Traffic.Query("shop", app, from, Time.GetUtcNow(), duration);
    }

    protected static SandboxTrafficBucket Side(IReadOnlyList<SandboxTrafficBucket> buckets, string track) =>
        Assert.Single(buckets, b => b.Track == track);

    protected static double CanaryShare(IReadOnlyList<SandboxTrafficBucket> buckets) =>
        (double)buckets.Where(b => b.Track == "canary").Sum(b => b.Requests) / buckets.Sum(b => b.Requests);

    private async Task WaitForReadyAsync(string deployment, int replicas)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Sandbox.GetObject("Deployment", "shop", deployment)?["status"]?["readyReplicas"]?.GetValue<int>() != replicas)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{deployment} did not get {replicas} ready pods");
            await Task.Delay(10);
        }
    }
}
