using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Runs the real kubectl (installed at /usr/bin/kubectl) against the sandbox.</summary>
public sealed class KubectlTests : SandboxTestBase
{
    private const string Kubectl = "/usr/bin/kubectl";

    [Fact]
    public async Task KubectlGet_DeploymentsServicesPods_PrintsAllKindsWithReadyPods()
    {
        Assert.True(File.Exists(Kubectl), "kubectl is expected at /usr/bin/kubectl");
        await SeedCheckoutAsync(replicas: 2);
        await WaitForRolloutAsync("checkout");

        var (exitCode, output, error) = await RunAsync("-n", "shop", "get", "deployments,services,pods");

        Assert.True(exitCode == 0, $"kubectl failed ({exitCode}): {error}");
        Assert.Contains("deployment.apps/checkout", output);
        Assert.Contains("service/checkout", output);
        var deploymentRow = output.Split('\n').Single(l => l.StartsWith("deployment.apps/checkout", StringComparison.Ordinal));
        Assert.Matches(@"deployment\.apps/checkout\s+2/2\s+2\s+2\s+\d+s", deploymentRow);
        var podRows = output.Split('\n').Where(l => l.StartsWith("pod/checkout-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, podRows.Count);
        Assert.All(podRows, row => Assert.Matches(@"^pod/checkout-\S+\s+1/1\s+Running\s+0\s+", row));
        Assert.Matches(@"service/checkout\s+ClusterIP\s+\S+\s+<none>\s+80/TCP", output);
    }

    [Fact]
    public async Task KubectlGet_DeploymentAsJson_Parses()
    {
        await SeedCheckoutAsync();

        var (exitCode, output, error) = await RunAsync("-n", "shop", "get", "deploy", "checkout", "-o", "json");

        Assert.True(exitCode == 0, $"kubectl failed ({exitCode}): {error}");
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Deployment", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("checkout", json.RootElement.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task KubectlGet_DeploymentAsYamlAndNamespaces_Work()
    {
        await SeedCheckoutAsync();

        var yaml = await RunAsync("-n", "shop", "get", "deploy", "checkout", "-o", "yaml");
        var namespaces = await RunAsync("get", "ns");

        Assert.True(yaml.ExitCode == 0, yaml.Error);
        Assert.Contains("kind: Deployment", yaml.Output);
        Assert.True(namespaces.ExitCode == 0, namespaces.Error);
        Assert.Matches(@"shop\s+Active", namespaces.Output);
    }

    [Fact]
    public async Task KubectlGet_Missing_ReportsNotFound()
    {
        await SeedCheckoutAsync();

        var (exitCode, _, error) = await RunAsync("-n", "shop", "get", "deploy", "nope");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("deployments.apps \"nope\" not found", error);
        var missingNamespace = await RunAsync("-n", "nowhere", "get", "deploy", "nope");
        Assert.Contains("namespaces \"nowhere\" not found", missingNamespace.Error);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--kubeconfig", KubeconfigPath, "--cache-dir", Path.Combine(TempDirectory, "kube-cache"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
