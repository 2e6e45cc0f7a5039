using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>One kubeconfig for several sandboxes: a context per sandbox, each reaching its own API server.</summary>
public sealed class MultiClusterKubeconfigTests : SandboxTestBase
{
    private SandboxCluster? _frankfurt;

    private SandboxCluster Frankfurt => _frankfurt ?? throw new InvalidOperationException("not started");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _frankfurt = await SandboxCluster.StartAsync(
            new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(50) }, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        await Frankfurt.SeedAsync([new SandboxWorkload("shop", "checkout", 1, "registry.local/checkout:1.0")], CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (_frankfurt is not null)
        {
            await _frankfurt.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task EachContext_ReachesItsOwnSandbox_AndTheFirstIsCurrent()
    {
        var path = WriteBoth();

        using var main = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        using var frankfurt = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "frankfurt"));

        Assert.Empty((await main.AppsV1.ListNamespacedDeploymentAsync("shop")).Items);
        Assert.Equal("checkout", Assert.Single((await frankfurt.AppsV1.ListNamespacedDeploymentAsync("shop")).Items).Metadata.Name);
        var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path));
        Assert.Equal("prod eu", config.CurrentContext);
        Assert.Equal(["prod eu", "frankfurt"], config.Contexts.Select(c => c.Name));
    }

    [Fact]
    public async Task KubectlWithContext_ListsThatSandboxsDeployments()
    {
        var path = WriteBoth();
        var cache = Path.Combine(TempDirectory, "kube-cache");

        var frankfurt = await KubectlProcess.RunAsync(path, cache, "--context", "frankfurt", "get", "deploy", "-A");
        var main = await KubectlProcess.RunAsync(path, cache, "get", "deploy", "-A");

        Assert.True(frankfurt.ExitCode == 0, frankfurt.Error);
        Assert.Matches(@"(?m)^shop\s+checkout\s+", frankfurt.Output);
        Assert.True(main.ExitCode == 0, main.Error);
        Assert.DoesNotContain("checkout", main.Output);
    }

    [Fact]
    public void WriteKubeconfig_WithTwoContextsOfOneName_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => SandboxCluster.WriteKubeconfig(
            Path.Combine(TempDirectory, "twice"), [new("a", Sandbox), new("a", Frankfurt)]));

        Assert.Contains("own name", error.Message);
    }

    private string WriteBoth() =>
        SandboxCluster.WriteKubeconfig(Path.Combine(TempDirectory, "multi", "config"), [new("prod eu", Sandbox), new("frankfurt", Frankfurt)]);
}
