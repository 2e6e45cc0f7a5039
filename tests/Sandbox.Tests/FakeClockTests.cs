using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>The sandbox reads every clock and delay from the TimeProvider it is given.</summary>
public sealed class FakeClockTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sandbox-tests", Guid.NewGuid().ToString("N"));
    private SandboxCluster? _sandbox;
    private Kubernetes? _client;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxCluster.StartAsync(
            new SandboxOptions { PodReadyDelay = TimeSpan.FromSeconds(30) }, _time, NullLoggerFactory.Instance, CancellationToken.None);
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

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PodsBecomeReady_OnlyWhenTheClockPassesTheReadinessDelay()
    {
        await _sandbox!.SeedAsync([new SandboxWorkload("shop", "checkout", 1, "registry.local/checkout:1.0")], CancellationToken.None);

        var pending = await WaitForPodAsync(p => p["status"]?["conditions"] is not null);
        Assert.Equal("Pending", Phase(pending));
        Assert.Equal("2030-01-02T03:04:05Z", pending["metadata"]!["creationTimestamp"]!.GetValue<string>());
        await Task.Delay(200);
        Assert.Equal("Pending", Phase((await WaitForPodAsync(_ => true))));

        _time.Advance(TimeSpan.FromSeconds(31));

        await WaitForPodAsync(p => Phase(p) == "Running");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_sandbox.GetObject("Deployment", "shop", "checkout")!["status"]?["availableReplicas"]?.GetValue<int>() != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "deployment did not become available");
            await Task.Delay(20);
        }
    }

    private static string? Phase(JsonObject pod) => pod["status"]?["phase"]?.GetValue<string>();

    private async Task<JsonObject> WaitForPodAsync(Func<JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var name = (await _client!.CoreV1.ListNamespacedPodAsync("shop")).Items.FirstOrDefault()?.Metadata.Name;
            if (name is not null && _sandbox!.GetObject("Pod", "shop", name) is { } pod && condition(pod))
            {
                return pod;
            }

            Assert.True(DateTime.UtcNow < deadline, "pod did not reach the expected state");
            await Task.Delay(20);
        }
    }
}
