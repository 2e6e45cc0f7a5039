using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

public sealed class WorkloadPlannerTests
{
    private static readonly AppSpec App = new("checkout", "shop", "checkout", "checkout", null, "replicas", "production");

    [Fact]
    public void Deploy_LabelsStableAndCreatesCanaryAtZero()
    {
        var stable = Deployment("checkout", "registry.example/checkout:v1", 4, track: null);

        var edits = WorkloadPlanner.Plan(App, stable, null, new WorkloadTarget("registry.example/checkout:v1", 4, "registry.example/checkout:v2", 0));

        Assert.Collection(
            edits,
            e => Assert.Equal(new ClusterChange("Deployment shop/checkout", "spec.template.metadata.labels.track", null, "stable"), e.Change),
            e =>
            {
                Assert.Equal(EditKind.Create, e.Kind);
                Assert.False(e.Shrinks);
                Assert.Equal("checkout-canary", e.Manifest!.Metadata.Name);
                Assert.Equal(0, e.Manifest.Spec.Replicas);
                Assert.Equal("registry.example/checkout:v2", e.Manifest.Spec.Template.Spec.Containers[0].Image);
                Assert.Equal("canary", e.Manifest.Spec.Selector.MatchLabels["track"]);
                Assert.Equal("checkout", e.Manifest.Spec.Selector.MatchLabels["app"]);
                Assert.Equal("canary", e.Manifest.Spec.Template.Metadata.Labels["track"]);
                Assert.Equal("checkout", e.Manifest.Spec.Template.Metadata.Labels["app"]);
                Assert.Null(e.Manifest.Metadata.ResourceVersion);
                Assert.Null(e.Manifest.Status);
            });
    }

    [Fact]
    public void SetWeight_GrowsCanaryBeforeShrinkingStable()
    {
        var stable = Deployment("checkout", "registry.example/checkout:v1", 4, "stable");
        var canary = Deployment("checkout-canary", "registry.example/checkout:v2", 0, "canary");

        var edits = WorkloadPlanner.Plan(App, stable, canary, new WorkloadTarget("registry.example/checkout:v1", 3, "registry.example/checkout:v2", 1));

        Assert.Collection(
            edits,
            e =>
            {
                Assert.Equal(new ClusterChange("Deployment shop/checkout", "spec.replicas", "4", "3"), e.Change);
                Assert.True(e.Shrinks);
            },
            e =>
            {
                Assert.Equal(new ClusterChange("Deployment shop/checkout-canary", "spec.replicas", "0", "1"), e.Change);
                Assert.False(e.Shrinks);
            });
    }

    [Fact]
    public void Full_ChangesStableImageAndDeletesCanaryAfterwards()
    {
        var stable = Deployment("checkout", "registry.example/checkout:v1", 2, "stable");
        var canary = Deployment("checkout-canary", "registry.example/checkout:v2", 2, "canary");

        var edits = WorkloadPlanner.Plan(App, stable, canary, new WorkloadTarget("registry.example/checkout:v2", 4, null, 0));

        Assert.Equal(3, edits.Count);
        Assert.Equal(new ClusterChange("Deployment shop/checkout", "container checkout image", "registry.example/checkout:v1", "registry.example/checkout:v2"), edits[0].Change);
        Assert.Equal(new ClusterChange("Deployment shop/checkout", "spec.replicas", "2", "4"), edits[1].Change);
        Assert.False(edits[1].Shrinks);
        Assert.Equal(EditKind.Delete, edits[2].Kind);
        Assert.True(edits[2].Shrinks);
        Assert.Equal("Deployment shop/checkout-canary: delete", edits[2].Change.ToString());
    }

    [Fact]
    public void TargetAlreadyReached_PlansNothing()
    {
        var stable = Deployment("checkout", "registry.example/checkout:v1", 4, "stable");

        Assert.Empty(WorkloadPlanner.Plan(App, stable, null, new WorkloadTarget("registry.example/checkout:v1", 4, null, 0)));
    }

    [Fact]
    public void NamedContainerMissing_IsAClusterExceptionNamingTheSetting()
    {
        var app = App with { Container = "web" };
        var stable = Deployment("checkout", "registry.example/checkout:v1", 4, "stable");

        var ex = Assert.Throws<ClusterException>(() => WorkloadPlanner.Plan(app, stable, null, new WorkloadTarget("x:v2", 4, null, 0)));

        Assert.Contains("no container named `web`", ex.Message);
        Assert.Contains("Apps:checkout:Container", ex.Message);
    }

    private static V1Deployment Deployment(string name, string image, int replicas, string? track)
    {
        var labels = new Dictionary<string, string> { ["app"] = "checkout" };
        if (track is not null)
        {
            labels["track"] = track;
        }

        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", ResourceVersion = "7", Labels = new Dictionary<string, string> { ["app"] = "checkout" } },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "checkout", Image = image }] },
                },
            },
            Status = new V1DeploymentStatus { Replicas = replicas },
        };
    }
}
