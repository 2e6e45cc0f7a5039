using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class SelectorTests : SandboxTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (name, tier) in new[] { ("web", "front"), ("api", "back"), ("db", "data") })
        {
            var deployment = NewDeployment(name);
            deployment.Metadata.Labels["tier"] = tier;
            await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "shop");
        }

        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewDeployment("web"), "other");
    }

    [Theory]
    [InlineData("tier=front", "web")]
    [InlineData("tier==back", "api")]
    [InlineData("tier!=front", "api,db")]
    [InlineData("tier in (front,data)", "db,web")]
    [InlineData("tier notin (front)", "api,db")]
    [InlineData("tier", "api,db,web")]
    [InlineData("!tier", "")]
    [InlineData("app=web,tier=front", "web")]
    [InlineData("app in (web, api),tier!=back", "web")]
    public async Task LabelSelector_FiltersList(string selector, string expected)
    {
        var list = await Client.AppsV1.ListNamespacedDeploymentAsync("shop", labelSelector: selector);

        Assert.Equal(expected, string.Join(',', list.Items.Select(d => d.Metadata.Name)));
    }

    [Theory]
    [InlineData("metadata.name=web", "other/web,shop/web")]
    [InlineData("metadata.name==api", "shop/api")]
    [InlineData("metadata.namespace=other", "other/web")]
    [InlineData("metadata.namespace!=other,metadata.name!=web", "shop/api,shop/db")]
    public async Task FieldSelector_FiltersAllNamespacesList(string selector, string expected)
    {
        var list = await Client.AppsV1.ListDeploymentForAllNamespacesAsync(fieldSelector: selector);

        Assert.Equal(expected, string.Join(',', list.Items.Select(d => $"{d.Metadata.NamespaceProperty}/{d.Metadata.Name}")));
    }

    [Fact]
    public async Task FieldSelector_OnUnsupportedField_Returns400()
    {
        var (code, status) = await ExpectErrorAsync(() => Client.AppsV1.ListNamespacedDeploymentAsync("shop", fieldSelector: "spec.paused=true"));

        Assert.Equal(400, code);
        Assert.Equal("BadRequest", status.Reason);
    }

    [Fact]
    public async Task LabelSelector_Malformed_Returns400()
    {
        var (code, _) = await ExpectErrorAsync(() => Client.AppsV1.ListNamespacedDeploymentAsync("shop", labelSelector: "tier in front"));

        Assert.Equal(400, code);
    }

    [Fact]
    public async Task Pods_FilterByPhaseFieldSelector()
    {
        await WaitUntilAsync(async () => (await Client.CoreV1.ListNamespacedPodAsync("shop", fieldSelector: "status.phase=Running")).Items.Count == 3,
            "three running pods in shop");

        var pending = await Client.CoreV1.ListNamespacedPodAsync("shop", fieldSelector: "status.phase=Pending,spec.nodeName=sandbox-node");

        Assert.Empty(pending.Items);
    }
}
