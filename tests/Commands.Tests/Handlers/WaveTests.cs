using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Fakes;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>A release in waves: the main cluster first, the next only after it completed, and rollback back through them.</summary>
public sealed class WaveTests
{
    private readonly HandlerHarness _h = new(apps:
    [
        new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Waves = ["test-cluster", "frankfurt"] },
    ]);

    private readonly FakeWorkloads _frankfurt = new();

    public WaveTests()
    {
        _frankfurt.SetStable("checkout", HandlerHarness.CheckoutImage, 2);
        _h.Clusters.Add("frankfurt", _frankfurt, new FakeTrafficRouter(_frankfurt));
    }

    [Fact]
    public async Task TheNextWaveStartsOnlyWhenTheFirstIsComplete_InItsOwnCluster()
    {
        var release = await _h.DeployCheckoutAsync();
        Assert.Equal("test-cluster", release.Cluster);
        Assert.Equal([WaveState.Running, WaveState.Waiting], release.Waves.Select(w => w.State));
        Assert.Null(_frankfurt.Status("checkout").Canary);

        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);
        Assert.Null(_frankfurt.Status("checkout").Canary); // the barrier: nothing in frankfurt yet

        await _h.AcceptedAsync("promote checkout full");
        await _h.RunAsync(release.Id);

        var stored = _h.Checkout;
        Assert.Equal(("frankfurt", ReleaseState.Canary, 0), (stored.Cluster, stored.State, stored.RequestedWeight));
        Assert.Equal([WaveState.Completed, WaveState.Running], stored.Waves.Select(w => w.State));
        Assert.Equal((2, "registry:5000/shop/checkout:v2.4.0"), (stored.StableReplicas, _frankfurt.Status("checkout").Canary!.Image));
        Assert.Equal(HandlerHarness.CheckoutImage.Replace("v2.3.0", "v2.4.0", StringComparison.Ordinal), _h.Workloads.Status("checkout").Stable!.Image);
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.Contains("Wave 1 of 2 is done; the next wave, frankfurt, starts with a canary at 0%.", StringComparison.Ordinal));
        var status = await _h.SayAsync("status checkout");
        Assert.Contains("waves: test-cluster ✓ completed, frankfurt ▶ running", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_GoesBackThroughEveryClusterTouched_TheCurrentOneFirst()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout full");
        await _h.RunAsync(release.Id);
        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);

        await _h.AcceptedAsync("rollback checkout");
        var steps = _h.Checkout.Steps.Where(s => s.Kind == StepKind.Rollback).ToList();
        Assert.Equal(["frankfurt", "test-cluster"], steps.Select(s => s.Cluster));
        await _h.RunAsync(release.Id);

        var stored = _h.Checkout;
        Assert.Equal(ReleaseState.RolledBack, stored.State);
        Assert.Equal([WaveState.RolledBack, WaveState.RolledBack], stored.Waves.Select(w => w.State));
        Assert.Equal((HandlerHarness.CheckoutImage, 4), (_h.Workloads.Status("checkout").Stable!.Image, _h.Workloads.Status("checkout").Stable!.Replicas));
        Assert.Equal((HandlerHarness.CheckoutImage, 2), (_frankfurt.Status("checkout").Stable!.Image, _frankfurt.Status("checkout").Stable!.Replicas));
        Assert.Null(_frankfurt.Status("checkout").Canary);
    }

    [Fact]
    public async Task Deploy_IsRefused_WhenAWaveRunsAnotherStableVersion()
    {
        _frankfurt.SetStable("checkout", "registry:5000/shop/checkout:v2.2.0", 2);

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("in frankfurt but registry:5000/shop/checkout:v2.3.0 in test-cluster", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.All);
    }
}
