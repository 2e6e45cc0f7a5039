using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class SimulatorTests : SandboxTestBase
{
    [Fact]
    public async Task Pods_AppearBecomeReadyAndDeploymentBecomesAvailable()
    {
        await SeedCheckoutAsync(replicas: 2);

        await WaitForRolloutAsync("checkout");

        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");
        Assert.Equal(2, deployment.Status.ReadyReplicas);
        Assert.Equal(0, deployment.Status.UnavailableReplicas);
        Assert.Equal(1, deployment.Status.ObservedGeneration);
        Assert.Contains(deployment.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        Assert.Contains(deployment.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");

        var pods = await PodsOfAsync("checkout");
        Assert.Equal(2, pods.Count);
        foreach (var pod in pods)
        {
            Assert.Matches("^checkout-[a-z0-9]{10}-[a-z0-9]{5}$", pod.Metadata.Name);
            Assert.Equal("Running", pod.Status.Phase);
            Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
            Assert.True(Assert.Single(pod.Status.ContainerStatuses).Ready);
            Assert.Equal("sandbox-node", pod.Spec.NodeName);
            Assert.False(string.IsNullOrEmpty(pod.Status.PodIP));
            Assert.Equal(deployment.Metadata.Uid, Assert.Single(pod.Metadata.OwnerReferences).Uid);
            Assert.Equal(10, pod.Metadata.Labels["pod-template-hash"].Length);
            Assert.Equal("registry.local/checkout:1.0", pod.Spec.Containers[0].Image);
        }
    }

    [Fact]
    public async Task ImageChange_RollsOutNewPodsAndRemovesOldOnes()
    {
        await SeedCheckoutAsync(replicas: 2);
        await WaitForRolloutAsync("checkout");
        var oldPods = (await PodsOfAsync("checkout")).Select(p => p.Metadata.Name).ToHashSet();

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"checkout","image":"registry.local/checkout:2.0"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "checkout", "shop");
        await WaitUntilAsync(async () =>
        {
            var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");
            var pods = await PodsOfAsync("checkout");
            return IsRolledOut(d) && pods.Count == 2 && pods.All(p => p.Spec.Containers[0].Image == "registry.local/checkout:2.0");
        }, "rollout of checkout:2.0");

        var newPods = await PodsOfAsync("checkout");
        Assert.DoesNotContain(newPods, p => oldPods.Contains(p.Metadata.Name));
        Assert.All(newPods, p => Assert.Equal("Running", p.Status.Phase));
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");
        Assert.Equal(patched.Metadata.Generation, deployment.Status.ObservedGeneration);
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [Fact]
    public async Task ScaleUpAndDown_FollowsReplicas()
    {
        await SeedCheckoutAsync(replicas: 1);
        await WaitForRolloutAsync("checkout");

        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "checkout", "shop");
        await WaitForRolloutAsync("checkout");
        Assert.Equal(3, (await PodsOfAsync("checkout")).Count);

        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "checkout", "shop");
        await WaitForRolloutAsync("checkout");
        await WaitUntilAsync(async () => (await PodsOfAsync("checkout")).Count == 2, "two pods");
    }

    [Fact]
    public async Task ScaleToZero_RemovesPodsAndReportsAvailable()
    {
        await SeedCheckoutAsync(replicas: 2);
        await WaitForRolloutAsync("checkout");

        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.MergePatch), "checkout", "shop");
        await WaitUntilAsync(async () => (await PodsOfAsync("checkout")).Count == 0, "no pods");
        await WaitForRolloutAsync("checkout");

        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("checkout", "shop");
        Assert.Equal(0, deployment.Status.Replicas);
        Assert.Equal(0, deployment.Status.ReadyReplicas);
        Assert.Equal(0, deployment.Status.AvailableReplicas);
        Assert.Equal(0, deployment.Status.UpdatedReplicas);
        Assert.Contains(deployment.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
    }

    [Fact]
    public async Task DeleteDeployment_CascadesToItsPods()
    {
        await SeedCheckoutAsync(replicas: 2);
        await WaitForRolloutAsync("checkout");

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("checkout", "shop");

        Assert.Empty(await PodsOfAsync("checkout"));
        await Task.Delay(200);
        Assert.Empty(await PodsOfAsync("checkout"));
    }

    [Fact]
    public async Task DeletedPod_IsReplaced()
    {
        await SeedCheckoutAsync(replicas: 1);
        await WaitForRolloutAsync("checkout");
        var victim = Assert.Single(await PodsOfAsync("checkout")).Metadata.Name;

        var deleted = await Client.CoreV1.DeleteNamespacedPodAsync(victim, "shop");

        Assert.Equal(victim, deleted.Metadata.Name);
        await WaitUntilAsync(async () =>
        {
            var pods = await PodsOfAsync("checkout");
            return pods.Count == 1 && pods[0].Metadata.Name != victim && pods[0].Status.Phase == "Running";
        }, "a replacement pod");
    }

    [Fact]
    public async Task Changed_IsRaisedForApiAndSimulatorWrites()
    {
        var changes = new List<SandboxChange>();
        Sandbox.Changed += c =>
        {
            lock (changes)
            {
                changes.Add(c);
            }
        };

        await SeedCheckoutAsync(replicas: 1);
        await WaitForRolloutAsync("checkout");

        lock (changes)
        {
            Assert.Contains(changes, c => c is { Kind: "Deployment", Type: "ADDED", Name: "checkout", Namespace: "shop" });
            Assert.Contains(changes, c => c is { Kind: "Service", Type: "ADDED" });
            Assert.Contains(changes, c => c is { Kind: "Pod", Type: "ADDED" });
            Assert.Contains(changes, c => c is { Kind: "Pod", Type: "MODIFIED" });
            Assert.Contains(changes, c => c is { Kind: "Deployment", Type: "MODIFIED" });
            var versions = changes.Select(c => long.Parse(c.ResourceVersion)).ToList();
            Assert.Equal(versions.Order(), versions);
        }
    }

    [Fact]
    public async Task SettledCluster_MakesNoFurtherWrites()
    {
        await SeedCheckoutAsync(replicas: 2);
        await WaitForRolloutAsync("checkout");
        await Task.Delay(300);
        var writes = 0;
        Sandbox.Changed += _ => Interlocked.Increment(ref writes);

        await Task.Delay(1500);

        Assert.Equal(0, Volatile.Read(ref writes));
    }
}
