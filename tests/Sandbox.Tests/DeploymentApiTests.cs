using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class DeploymentApiTests : SandboxTestBase
{
    [Fact]
    public async Task Create_ReturnsStoredObjectWithServerFields()
    {
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web", replicas: 2), "shop");

        Assert.Equal("Deployment", created.Kind);
        Assert.Equal("apps/v1", created.ApiVersion);
        Assert.Equal("shop", created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("RollingUpdate", created.Spec.Strategy.Type);
        Assert.Equal("25%", created.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal(10, created.Spec.RevisionHistoryLimit);
        Assert.Equal(600, created.Spec.ProgressDeadlineSeconds);
        Assert.Equal("IfNotPresent", created.Spec.Template.Spec.Containers[0].ImagePullPolicy);
    }

    [Fact]
    public async Task Create_WhenPresent_Returns409AlreadyExists()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop"));

        Assert.Equal(409, code);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("deployments.apps \"web\" already exists", status.Message);
    }

    [Fact]
    public async Task Get_Missing_Returns404Status()
    {
        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.ReadNamespacedDeploymentAsync("nope", "shop"));

        Assert.Equal(404, code);
        Assert.Equal("Status", status.Kind);
        Assert.Equal("Failure", status.Status);
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("deployments.apps \"nope\" not found", status.Message);
        Assert.Equal("nope", status.Details.Name);
        Assert.Equal("apps", status.Details.Group);
        Assert.Equal("deployments", status.Details.Kind);
    }

    [Fact]
    public async Task List_NamespacedAndAllNamespaces_ReturnItemsWithListResourceVersion()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("api"), "shop");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "other");

        var shop = await Client.AppsV1.ListNamespacedDeploymentAsync("shop");
        var all = await Client.AppsV1.ListDeploymentForAllNamespacesAsync();

        Assert.Equal(["api", "web"], shop.Items.Select(d => d.Metadata.Name));
        Assert.Equal(3, all.Items.Count);
        Assert.False(string.IsNullOrEmpty(shop.Metadata.ResourceVersion));
        Assert.Null(shop.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task Replace_ChangingSpec_BumpsGenerationAndResourceVersion()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");
        await WaitForRolloutAsync("web");
        var created = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        created.Spec.Template.Spec.Containers[0].Image = "registry.local/app:2.0";

        var replaced = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "web", "shop");

        Assert.Equal(2, replaced.Metadata.Generation);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
        Assert.Equal(created.Metadata.Uid, replaced.Metadata.Uid);
        Assert.Equal("registry.local/app:2.0", replaced.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Replace_ChangingOnlyLabels_KeepsGeneration()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");
        await WaitForRolloutAsync("web");
        var created = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        created.Metadata.Labels["team"] = "payments";

        var replaced = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "web", "shop");

        Assert.Equal(1, replaced.Metadata.Generation);
        Assert.Equal("payments", replaced.Metadata.Labels["team"]);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Returns409Conflict()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");
        await WaitForRolloutAsync("web");
        var stale = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        var fresh = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        fresh.Spec.Replicas = 3;
        await Client.AppsV1.ReplaceNamespacedDeploymentAsync(fresh, "web", "shop");
        stale.Spec.Replicas = 5;

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.ReplaceNamespacedDeploymentAsync(stale, "web", "shop"));

        Assert.Equal(409, code);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal(
            "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again",
            status.Message);
        Assert.Equal(3, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop")).Spec.Replicas);
    }

    [Fact]
    public async Task Create_WithNegativeReplicas_Returns422Invalid()
    {
        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web", replicas: -1), "shop"));

        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason);
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", status.Message);
        Assert.Contains(status.Details.Causes, c => c.Field == "spec.replicas");
    }

    [Fact]
    public async Task Create_WithSelectorNotMatchingTemplate_Returns422Invalid()
    {
        var deployment = NewDeployment("web");
        deployment.Spec.Selector.MatchLabels["app"] = "other";

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "shop"));

        Assert.Equal(422, code);
        Assert.Equal("Invalid", status.Reason);
        Assert.Contains("`selector` does not match template `labels`", status.Message);
    }

    [Theory]
    [InlineData("Web_App", "metadata.name: Invalid value")]
    [InlineData("", "metadata.name: Required value")]
    public async Task Create_WithInvalidName_Returns422Invalid(string name, string expected)
    {
        var deployment = NewDeployment("web");
        deployment.Metadata.Name = name;

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "shop"));

        Assert.Equal(422, code);
        Assert.Contains(expected, status.Message);
    }

    [Fact]
    public async Task Create_WithContainerMissingImage_Returns422Invalid()
    {
        var deployment = NewDeployment("web");
        deployment.Spec.Template.Spec.Containers[0].Image = null;

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "shop"));

        Assert.Equal(422, code);
        Assert.Contains("spec.template.spec.containers[0].image: Required value", status.Message);
    }

    [Fact]
    public async Task Replace_ChangingSelector_Returns422Immutable()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");
        var created = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        created.Metadata.ResourceVersion = null;
        created.Spec.Selector.MatchLabels["tier"] = "front";
        created.Spec.Template.Metadata.Labels["tier"] = "front";

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "web", "shop"));

        Assert.Equal(422, code);
        Assert.Contains("field is immutable", status.Message);
    }

    [Fact]
    public async Task Delete_RemovesDeploymentAndReturnsSuccessStatus()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "shop");

        var status = await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "shop");

        Assert.Equal("Success", status.Status);
        var (code, _) = await ExpectErrorAsync(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop"));
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task Delete_Missing_Returns404()
    {
        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.DeleteNamespacedDeploymentAsync("nope", "shop"));

        Assert.Equal(404, code);
        Assert.Equal("NotFound", status.Reason);
    }

    [Fact]
    public async Task ReadStatusAndScale_ReflectTheDeployment()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web", replicas: 2), "shop");

        var viaStatus = await Client.AppsV1.ReadNamespacedDeploymentStatusAsync("web", "shop");
        var scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "shop");
        var patched = await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("{\"spec\":{\"replicas\":4}}", V1Patch.PatchType.MergePatch), "web", "shop");

        Assert.Equal("web", viaStatus.Metadata.Name);
        Assert.Equal(2, scale.Spec.Replicas);
        Assert.Equal(4, patched.Spec.Replicas);
        Assert.Equal(4, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop")).Spec.Replicas);
    }

    [Fact]
    public async Task Services_CreateGetListDelete()
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "checkout-canary" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "checkout", ["track"] = "canary" },
                Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
            },
        };

        var created = await Client.CoreV1.CreateNamespacedServiceAsync(service, "shop");
        var listed = await Client.CoreV1.ListServiceForAllNamespacesAsync();
        await Client.CoreV1.DeleteNamespacedServiceAsync("checkout-canary", "shop");

        Assert.Equal("ClusterIP", created.Spec.Type);
        Assert.Equal("TCP", created.Spec.Ports[0].Protocol);
        Assert.Contains(listed.Items, s => s.Metadata.Name == "checkout-canary");
        var (code, _) = await ExpectErrorAsync(() => Client.CoreV1.ReadNamespacedServiceAsync("checkout-canary", "shop"));
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task Replace_Unchanged_KeepsResourceVersion()
    {
        await SeedCheckoutAsync();
        await WaitForRolloutAsync("checkout");
        var service = await Client.CoreV1.ReadNamespacedServiceAsync("checkout", "shop");

        var replaced = await Client.CoreV1.ReplaceNamespacedServiceAsync(service, "checkout", "shop");

        Assert.Equal(service.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Namespaces_ListTheNamespacesThatHoldObjects()
    {
        await SeedCheckoutAsync();

        var namespaces = await Client.CoreV1.ListNamespaceAsync();
        var shop = await Client.CoreV1.ReadNamespaceAsync("shop");

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "shop");
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        Assert.Equal("Active", shop.Status.Phase);
    }
}
