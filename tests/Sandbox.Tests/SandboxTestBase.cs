using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>
/// Starts a fresh sandbox per test (real clock, short pod readiness delay) and a real KubernetesClient
/// configured from the kubeconfig the sandbox writes.
/// </summary>
public abstract class SandboxTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sandbox-tests", Guid.NewGuid().ToString("N"));
    private SandboxCluster? _sandbox;
    private Kubernetes? _client;

    protected SandboxCluster Sandbox => _sandbox ?? throw new InvalidOperationException("not started");

    protected Kubernetes Client => _client ?? throw new InvalidOperationException("not started");

    protected string TempDirectory => _directory;

    protected string KubeconfigPath { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        var options = new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(50) };
        _sandbox = await SandboxCluster.StartAsync(options, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        KubeconfigPath = _sandbox.WriteKubeconfig(Path.Combine(_directory, "kube", "config"));
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    public virtual async Task DisposeAsync()
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

    protected Task SeedCheckoutAsync(int replicas = 1, string image = "registry.local/checkout:1.0") =>
        Sandbox.SeedAsync([new SandboxWorkload("shop", "checkout", replicas, image)], CancellationToken.None);

    protected static V1Deployment NewDeployment(string name, int replicas = 1, string image = "registry.local/app:1.0") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = name, Image = image, Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }] }],
                },
            },
        },
    };

    /// <summary>Polls <paramref name="condition"/> until true or the deadline passes (then fails with <paramref name="what"/>).</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Deadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the Deployment's rollout is complete the way <c>kubectl rollout status</c> judges it.</summary>
    protected Task WaitForRolloutAsync(string name, string ns = "shop") =>
        WaitUntilAsync(async () => IsRolledOut(await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns)), $"rollout of {ns}/{name}");

    protected static bool IsRolledOut(V1Deployment d) =>
        d.Status is { } s
        && (s.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0)
        && (s.UpdatedReplicas ?? 0) == d.Spec.Replicas
        && (s.Replicas ?? 0) == d.Spec.Replicas
        && (s.AvailableReplicas ?? 0) == d.Spec.Replicas;

    protected async Task<IList<V1Pod>> PodsOfAsync(string app, string ns = "shop") =>
        (await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"app={app}")).Items;

    /// <summary>Runs <paramref name="call"/>, expecting an API error, and returns its HTTP code and Status body.</summary>
    protected static async Task<(int Code, V1Status Status)> ExpectErrorAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        return ((int)error.Response.StatusCode, status);
    }
}
