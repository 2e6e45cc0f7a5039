using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class PatchTests : SandboxTestBase
{
    [Fact]
    public async Task JsonPatch_ReplacesAndAddsFields()
    {
        await SeedCheckoutAsync();
        const string patch = """
            [
              {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"registry.local/checkout:2.0"},
              {"op":"add","path":"/metadata/annotations","value":{"release":"2.0"}},
              {"op":"test","path":"/spec/replicas","value":1}
            ]
            """;

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "checkout", "shop");

        Assert.Equal("registry.local/checkout:2.0", patched.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("2.0", patched.Metadata.Annotations["release"]);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task JsonPatch_WithFailingTest_Returns422AndLeavesObject()
    {
        await SeedCheckoutAsync();
        const string patch = """[{"op":"test","path":"/spec/replicas","value":7},{"op":"replace","path":"/spec/replicas","value":3}]""";

        var (code, _) = await ExpectErrorAsync(() =>
            Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "checkout", "shop"));

        Assert.Equal(422, code);
        Assert.Equal(1, (await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop")).Spec.Replicas);
    }

    [Fact]
    public async Task MergePatch_MergesObjectsAndReplacesLists()
    {
        await SeedCheckoutAsync();
        var patch = new
        {
            metadata = new { labels = new Dictionary<string, string?> { ["track"] = "stable", ["app"] = "checkout" } },
            spec = new { replicas = 3 },
        };

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "checkout", "shop");

        Assert.Equal(3, patched.Spec.Replicas);
        Assert.Equal("stable", patched.Metadata.Labels["track"]);
        Assert.Equal("registry.local/checkout:1.0", patched.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task MergePatch_NullRemovesAKey()
    {
        await SeedCheckoutAsync();
        await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"track":"stable"}}}""", V1Patch.PatchType.MergePatch), "checkout", "shop");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"track":null}}}""", V1Patch.PatchType.MergePatch), "checkout", "shop");

        Assert.False(patched.Metadata.Labels.ContainsKey("track"));
        Assert.Equal("checkout", patched.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task StrategicMergePatch_MergesContainersByName()
    {
        await SeedCheckoutAsync();
        const string patch = """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"checkout","image":"registry.local/checkout:2.0"},
              {"name":"sidecar","image":"registry.local/proxy:1.0"}
            ]}}}}
            """;

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "checkout", "shop");

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["checkout", "sidecar"], containers.Select(c => c.Name));
        Assert.Equal("registry.local/checkout:2.0", containers[0].Image);
        Assert.Equal(8080, Assert.Single(containers[0].Ports).ContainerPort);
    }

    [Fact]
    public async Task StrategicMergePatch_DeleteDirectiveRemovesListItem()
    {
        await SeedCheckoutAsync();
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"registry.local/proxy:1.0"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "checkout", "shop");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "checkout", "shop");

        Assert.Equal("checkout", Assert.Single(patched.Spec.Template.Spec.Containers).Name);
    }

    [Fact]
    public async Task ApplyPatch_UpdatesExistingObject()
    {
        await SeedCheckoutAsync();
        var desired = NewDeployment("checkout", replicas: 2, image: "registry.local/checkout:3.0");
        desired.ApiVersion = "apps/v1";
        desired.Kind = "Deployment";
        desired.Spec.Template.Spec.Containers[0].Name = "checkout";

        var applied = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(desired, V1Patch.PatchType.ApplyPatch), "checkout", "shop", fieldManager: "chatops", force: true);

        Assert.Equal(2, applied.Spec.Replicas);
        Assert.Equal("registry.local/checkout:3.0", Assert.Single(applied.Spec.Template.Spec.Containers).Image);
    }

    [Fact]
    public async Task ApplyPatch_CreatesWhenAbsent()
    {
        var desired = NewDeployment("web", replicas: 2);
        desired.ApiVersion = "apps/v1";
        desired.Kind = "Deployment";

        var applied = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(desired, V1Patch.PatchType.ApplyPatch), "web", "shop", fieldManager: "chatops");

        Assert.Equal(2, applied.Spec.Replicas);
        Assert.Equal(8080, applied.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort);
        Assert.NotNull(await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop"));
    }

    [Fact]
    public async Task ApplyPatch_WithYamlBody_CreatesThenMerges()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: "registry.local/web:1.0"
                    ports:
                    - containerPort: 8080
            """;
        using var http = new HttpClient();
        var url = new Uri(Sandbox.BaseAddress, "/apis/apps/v1/namespaces/shop/deployments/web?fieldManager=chatops&force=true");

        using var created = await http.PatchAsync(url, new StringContent(yaml, System.Text.Encoding.UTF8, "application/apply-patch+yaml"));
        using var merged = await http.PatchAsync(url, new StringContent(
            "spec:\n  replicas: 3\n", System.Text.Encoding.UTF8, "application/apply-patch+yaml"));

        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, merged.StatusCode);
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop");
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal(8080, deployment.Spec.Template.Spec.Containers[0].Ports[0].ContainerPort);
        Assert.Equal("registry.local/web:1.0", deployment.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Patch_Missing_Returns404()
    {
        var (code, _) = await ExpectErrorAsync(() => Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "nope", "shop"));

        Assert.Equal(404, code);
    }

    [Fact]
    public async Task Patch_ToNegativeReplicas_Returns422()
    {
        await SeedCheckoutAsync();

        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":-1}}""", V1Patch.PatchType.StrategicMergePatch), "checkout", "shop"));

        Assert.Equal(422, code);
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", status.Message);
    }
}
