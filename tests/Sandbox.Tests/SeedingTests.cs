using k8s;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class SeedingTests : SandboxTestBase
{
    [Fact]
    public async Task Seed_CreatesDeploymentAndServiceWithAppLabels()
    {
        await Sandbox.SeedAsync([new SandboxWorkload("shop", "checkout", 2, "registry.local/checkout:1.0", Port: 9090)], CancellationToken.None);

        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");
        Assert.Equal("checkout", deployment.Metadata.Labels["app"]);
        Assert.Equal("checkout", deployment.Spec.Selector.MatchLabels["app"]);
        Assert.Equal(2, deployment.Spec.Replicas);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal("checkout", container.Name);
        Assert.Equal("registry.local/checkout:1.0", container.Image);
        Assert.Equal(9090, Assert.Single(container.Ports).ContainerPort);
        Assert.Equal(1, deployment.Metadata.Generation);

        var service = await Client.CoreV1.ReadNamespacedServiceAsync("checkout", "shop");
        Assert.Equal("checkout", service.Spec.Selector["app"]);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(80, port.Port);
        Assert.Equal("9090", port.TargetPort.Value);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.False(string.IsNullOrEmpty(service.Spec.ClusterIP));
    }

    [Fact]
    public async Task Seed_WithServiceName_NamesTheService()
    {
        await Sandbox.SeedAsync([new SandboxWorkload("shop", "cart", 1, "registry.local/cart:1.0", ServiceName: "cart-svc")], CancellationToken.None);

        var service = await Client.CoreV1.ReadNamespacedServiceAsync("cart-svc", "shop");
        Assert.Equal("cart", service.Spec.Selector["app"]);
    }

    [Fact]
    public async Task Seed_WhenObjectsExist_LeavesThemAlone()
    {
        await SeedCheckoutAsync(replicas: 1, image: "registry.local/checkout:1.0");
        var before = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");

        await SeedCheckoutAsync(replicas: 5, image: "registry.local/checkout:9.9");

        var after = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal(1, after.Spec.Replicas);
        Assert.Equal("registry.local/checkout:1.0", after.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Seed_WithInvalidName_ThrowsArgumentException()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Sandbox.SeedAsync([new SandboxWorkload("shop", "Not_Valid", 1, "registry.local/x:1")], CancellationToken.None));

        Assert.Contains("metadata.name", error.Message);
    }

    [Fact]
    public async Task WriteKubeconfig_CreatesDirectoryAndNamesEverythingSandbox()
    {
        var path = Sandbox.WriteKubeconfig(Path.Combine(TempDirectory, "nested", "dir", "kubeconfig"));

        Assert.True(File.Exists(path));
        Assert.True(Path.IsPathFullyQualified(path));
        var config = KubernetesClientConfigurationLoader.Load(path);
        Assert.Equal("sandbox", config.CurrentContext);
        Assert.Equal(Sandbox.BaseAddress.GetLeftPart(UriPartial.Authority), config.Host.TrimEnd('/'));
    }

    [Fact]
    public async Task GetObject_ReturnsACopyOfTheStoredObject()
    {
        await SeedCheckoutAsync();

        var copy = Sandbox.GetObject("Deployment", "shop", "checkout");
        Assert.NotNull(copy);
        copy["spec"]!["replicas"] = 42;

        var again = Sandbox.GetObject("Deployment", "shop", "checkout");
        Assert.Equal(1, again!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Null(Sandbox.GetObject("Deployment", "shop", "missing"));
        Assert.NotNull(Sandbox.GetObject("Namespace", "", "shop"));
    }

    private static class KubernetesClientConfigurationLoader
    {
        public static (string CurrentContext, string Host) Load(string path)
        {
            var config = k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            return (config.CurrentContext, config.Host);
        }
    }
}
