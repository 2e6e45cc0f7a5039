using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Runs the real kubectl (installed at /usr/bin/kubectl) against the sandbox.</summary>
public sealed class KubectlTests : SandboxTestBase
{
    [Fact]
    public async Task KubectlGet_DeploymentsServicesPods_PrintsAllKindsWithReadyPods()
    {
        Assert.True(File.Exists(KubectlProcess.Path), "kubectl is expected at /usr/bin/kubectl");
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

    [Fact]
    public async Task KubectlGet_IngressesAndHttpRoutes_PrintsTheirColumns()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(IngressApiTests.NewIngress("checkout", "shop.example"), "shop");
        var tls = IngressApiTests.NewIngress("checkout-tls", "secure.shop.example");
        tls.Spec.IngressClassName = null;
        tls.Spec.Rules.Add(new V1IngressRule { Host = "www.shop.example", Http = tls.Spec.Rules[0].Http });
        tls.Spec.Tls = [new V1IngressTLS { Hosts = ["secure.shop.example"], SecretName = "shop-tls" }];
        await Client.NetworkingV1.CreateNamespacedIngressAsync(tls, "shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            HttpRouteApiTests.NewRoute("search"), "gateway.networking.k8s.io", "v1", "shop", "httproutes");

        var (exitCode, output, error) = await RunAsync("-n", "shop", "get", "ingress,httproutes");

        Assert.True(exitCode == 0, $"kubectl failed ({exitCode}): {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^NAME\s+HOSTNAMES\s+AGE$"));
        Assert.Matches(@"ingress\.networking\.k8s\.io/checkout\s+nginx\s+shop\.example\s+10\.96\.0\.200\s+80\s+\d+s", output);
        Assert.Matches(
            @"ingress\.networking\.k8s\.io/checkout-tls\s+<none>\s+secure\.shop\.example,www\.shop\.example\s+10\.96\.0\.200\s+80, 443\s+\d+s", output);
        Assert.Matches(@"httproute\.gateway\.networking\.k8s\.io/search\s+\[""search\.example""\]\s+\d+s", output);
    }

    [Fact]
    public async Task KubectlGet_HttpRouteAsJsonAndIngressByShortName_Work()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(IngressApiTests.NewIngress("checkout", "shop.example"), "shop");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            HttpRouteApiTests.NewRoute("search"), "gateway.networking.k8s.io", "v1", "shop", "httproutes");

        var route = await RunAsync("-n", "shop", "get", "httproute", "search", "-o", "json");
        var ingress = await RunAsync("-n", "shop", "get", "ing");
        var missing = await RunAsync("-n", "shop", "get", "httproute", "nope");

        Assert.True(route.ExitCode == 0, route.Error);
        using var json = JsonDocument.Parse(route.Output);
        Assert.Equal("HTTPRoute", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("search", json.RootElement.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("public", json.RootElement.GetProperty("spec").GetProperty("parentRefs")[0].GetProperty("name").GetString());
        Assert.True(ingress.ExitCode == 0, ingress.Error);
        Assert.Matches(@"(?m)^checkout\s+nginx\s+shop\.example\s+10\.96\.0\.200\s+80\s+\d+s", ingress.Output);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("httproutes.gateway.networking.k8s.io \"nope\" not found", missing.Error);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        KubectlProcess.RunAsync(KubeconfigPath, Path.Combine(TempDirectory, "kube-cache"), args);
}
