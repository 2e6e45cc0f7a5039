using System.Net;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes;

/// <summary>The bot's KubernetesClient code against the sandbox's API server.</summary>
public sealed class KubernetesWorkloadsTests
{
    private const string V1 = "registry.example/checkout:v1.0.0";
    private const string V2 = "registry.example/checkout:v2.0.0";

    [Fact]
    public async Task Read_ReportsStableAndNoCanary()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var workloads = cluster.Workloads();
        await WaitAsync(async () => (await workloads.ReadAsync(SandboxFixture.Checkout, default)).Stable!.RolloutComplete);

        var status = await workloads.ReadAsync(SandboxFixture.Checkout, default);

        Assert.Equal(new DeploymentStatus("checkout", V1, 4, 4, true), status.Stable);
        Assert.Null(status.Canary);
    }

    [Fact]
    public async Task DryRun_ListsChangesAndChangesNothing()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var workloads = cluster.Workloads();
        await WaitAsync(async () => (await workloads.ReadAsync(SandboxFixture.Checkout, default)).Stable!.RolloutComplete);
        var before = cluster.Sandbox.GetObject("Deployment", "shop", "checkout")!.ToJsonString();

        var changes = await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 3, V2, 1), ChangeMode.DryRun, default);

        Assert.Equal(3, changes.Count);
        Assert.Equal(before, cluster.Sandbox.GetObject("Deployment", "shop", "checkout")!.ToJsonString());
        Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
    }

    [Fact]
    public async Task Apply_ReachesTargetAndWaitsUntilAvailable_AndIsIdempotent()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var workloads = cluster.Workloads();

        await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 3, V2, 1), ChangeMode.Apply, default);
        var status = await workloads.ReadAsync(SandboxFixture.Checkout, default);
        var again = await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 3, V2, 1), ChangeMode.Apply, default);

        Assert.Equal(new DeploymentStatus("checkout", V1, 3, 3, true), status.Stable);
        Assert.Equal(new DeploymentStatus("checkout-canary", V2, 1, 1, true), status.Canary);
        Assert.Empty(again);
        var service = cluster.Sandbox.GetObject("Service", "shop", "checkout")!;
        Assert.Equal("checkout", (string?)service["spec"]!["selector"]!["app"]);
        var canary = cluster.Sandbox.GetObject("Deployment", "shop", "checkout-canary")!;
        Assert.Equal("checkout", (string?)canary["spec"]!["template"]!["metadata"]!["labels"]!["app"]);
        Assert.Equal("canary", (string?)canary["spec"]!["template"]!["metadata"]!["labels"]!["track"]);
    }

    [Fact]
    public async Task Apply_WhenObjectChangedUnderneath_RetriesOn409()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        using var interferer = new StaleWriteInterferer(cluster.Sandbox.BaseAddress, "/apis/apps/v1/namespaces/shop/deployments/checkout");
        var workloads = cluster.Workloads(null, interferer);
        await WaitAsync(async () => (await workloads.ReadAsync(SandboxFixture.Checkout, default)).Stable!.RolloutComplete);

        await workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 5, null, 0), ChangeMode.Apply, default);

        // The first replace is stale; the simulator may make a retry stale too; the last one goes through.
        Assert.Equal(HttpStatusCode.Conflict, interferer.PutResults[0]);
        Assert.Equal(HttpStatusCode.OK, interferer.PutResults[^1]);
        Assert.All(interferer.PutResults.Take(interferer.PutResults.Count - 1), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var stable = cluster.Sandbox.GetObject("Deployment", "shop", "checkout")!;
        Assert.Equal(5, (int?)stable["spec"]!["replicas"]);
        Assert.Equal("someone-else", (string?)stable["metadata"]!["annotations"]!["touched-by"]);
    }

    [Fact]
    public async Task Apply_WhenPodsNeverBecomeReady_FailsWithTimeoutSentence()
    {
        await using var cluster = await SandboxFixture.StartAsync(podReadyDelay: TimeSpan.FromMinutes(10));
        var workloads = cluster.Workloads(new KubernetesOptions { RolloutPollInterval = TimeSpan.FromMilliseconds(20), RolloutTimeout = TimeSpan.FromMilliseconds(300) });

        var ex = await Assert.ThrowsAsync<ClusterException>(
            () => workloads.ChangeAsync(SandboxFixture.Checkout, new WorkloadTarget(V1, 4, V2, 1), ChangeMode.Apply, default));

        Assert.Contains("pods available after 0.3 s", ex.Message);
        Assert.Contains("did not finish rolling out", ex.Message);
    }

    [Fact]
    public async Task Change_WhenStableMissing_SaysSo()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var app = SandboxFixture.Checkout with { Deployment = "ledger" };

        var ex = await Assert.ThrowsAsync<ClusterException>(
            () => cluster.Workloads().ChangeAsync(app, new WorkloadTarget(V1, 4, null, 0), ChangeMode.DryRun, default));

        Assert.Equal("the stable Deployment shop/ledger does not exist.", ex.Message);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(20);
        }
    }
}
