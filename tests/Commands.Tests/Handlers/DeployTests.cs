using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class DeployTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Deploy_WhenAppIsIdle_IsAcceptedStoredAndQueued()
    {
        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        var release = Assert.Single(_h.Store.All);
        Assert.Equal(("checkout", "v2.3.0", "v2.4.0"), (release.App, release.FromVersion, release.ToVersion));
        Assert.Equal((HandlerHarness.CheckoutImage, "registry:5000/shop/checkout:v2.4.0"), (release.FromImage, release.ToImage));
        Assert.Equal(4, release.StableReplicas);
        Assert.Equal(("test-cluster", "shop"), (release.Cluster, release.Namespace));
        Assert.Equal("alice (slack:U1)", release.RequestedBy);
        Assert.Equal(HandlerHarness.Releases, release.Conversation);
        Assert.Equal(_h.Time.GetUtcNow(), release.CreatedAt);
        Assert.Equal(ReleaseState.Canary, release.State);
        var step = Assert.Single(release.Steps);
        Assert.Equal((StepKind.Deploy, StepStatus.Pending), (step.Kind, step.Status));
        Assert.Equal([release.Id], _h.Jobs.Enqueued);
        Assert.Contains($"release {release.Id}", reply.Text, StringComparison.Ordinal);
        Assert.Contains("v2.3.0 → v2.4.0", reply.Text, StringComparison.Ordinal);
        Assert.Contains("shop/checkout-canary", reply.Text, StringComparison.Ordinal);
        Assert.Contains("4 stable pods", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Workloads.Calls);
    }

    [Fact]
    public async Task Deploy_WhileAReleaseIsActive_IsRefusedNamingIt()
    {
        var active = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("deploy checkout v2.5.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains($"release {active.Id}", reply.Text, StringComparison.Ordinal);
        Assert.Contains("v2.3.0 → v2.4.0", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`rollback checkout`", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`promote checkout full`", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Store.All);
        Assert.Single(_h.Jobs.Enqueued);
    }

    [Fact]
    public async Task Deploy_OfAnotherApp_WhileOneIsActive_IsAccepted()
    {
        await _h.DeployCheckoutAsync();

        await _h.AcceptedAsync("deploy cart v1.1.0");

        Assert.Equal(2, _h.Store.All.Count(r => r.IsActive));
    }

    [Fact]
    public async Task Deploy_AfterTheLastReleaseFinished_IsAccepted()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(_h.Checkout.Id);

        await _h.AcceptedAsync("deploy checkout v2.4.1");

        Assert.Equal("v2.4.1", _h.Checkout.ToVersion);
        Assert.Equal(2, _h.Store.Count);
    }

    [Fact]
    public async Task Deploy_WhenAnotherDeployWinsTheRace_IsRefusedAndNotQueued()
    {
        var rival = Release.Start(
            new NewRelease("checkout", "test-cluster", "shop", "v2.3.0", "v9.9.9", HandlerHarness.CheckoutImage,
                "registry:5000/shop/checkout:v9.9.9", 4, "bob (slack:U2)", HandlerHarness.Elsewhere),
            _h.Time.GetUtcNow());
        _h.Store.BeforeCreate = () => _h.Store.Put(rival);

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains($"release {rival.Id}", reply.Text, StringComparison.Ordinal);
        Assert.Equal(rival.Id, Assert.Single(_h.Store.All).Id);
        Assert.Empty(_h.Jobs.Enqueued);
    }

    [Fact]
    public async Task Deploy_OfUnknownApp_ListsTheKnownApps()
    {
        var reply = await _h.SayAsync("deploy chekout v2.4.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("I don't know the app `chekout`", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Did you mean `checkout`?", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Known apps: cart, checkout.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, _h.Store.Count);
    }

    [Theory]
    [InlineData("missing", "shop/checkout does not exist")]
    [InlineData("unhealthy", "is not healthy yet (2/4 ready")]
    [InlineData("scaled to zero", "scaled to 0 replicas")]
    [InlineData("leftover canary", "shop/checkout-canary already exists but no release of checkout owns it")]
    [InlineData("same version", "checkout already runs v2.4.0")]
    public async Task Deploy_WhenTheClusterIsNotReadyForIt_IsRefusedAndNothingIsStoredOrQueued(string situation, string expected)
    {
        const string Running = "registry:5000/shop/checkout:v2.4.0";
        switch (situation)
        {
            case "missing":
                _h.Workloads.Remove("checkout");
                break;
            case "unhealthy":
                _h.Workloads.SetStable("checkout", HandlerHarness.CheckoutImage, 4, ready: 2, rolloutComplete: false);
                break;
            case "scaled to zero":
                _h.Workloads.SetStable("checkout", HandlerHarness.CheckoutImage, 0);
                break;
            case "leftover canary":
                _h.Workloads.SetCanary("checkout", Running, 1);
                break;
            default:
                _h.Workloads.SetStable("checkout", Running, 4);
                break;
        }

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, _h.Store.Count);
        Assert.Empty(_h.Jobs.Enqueued);
        Assert.Empty(_h.Workloads.Calls);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_h.Audit.Entries).Outcome);
    }

    [Fact]
    public async Task Deploy_DryRun_ListsTheChangesAndStoresNothing()
    {
        var reply = await _h.SayAsync("deploy checkout v2.4.0 --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("Dry run of `deploy checkout v2.4.0` — nothing was changed", reply.Text, StringComparison.Ordinal);
        Assert.Contains("On cluster test-cluster it would make 1 change:", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout-canary: create (registry:5000/shop/checkout:v2.4.0, 0 replicas)", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, _h.Store.Count);
        Assert.Empty(_h.Jobs.Enqueued);
        var call = Assert.Single(_h.Workloads.Calls);
        Assert.Equal(ChangeMode.DryRun, call.Mode);
        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 4, "registry:5000/shop/checkout:v2.4.0", 0), call.Target);
        Assert.Null(_h.Workloads.Status("checkout").Canary);
    }

    [Fact]
    public async Task Deploy_DryRun_StillChecksTheCluster()
    {
        _h.Workloads.SetCanary("checkout", "registry:5000/shop/checkout:v0", 1);

        var reply = await _h.SayAsync("deploy checkout v2.4.0 --dry-run");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Empty(_h.Workloads.Calls);
    }

    [Fact]
    public async Task Deploy_KeepsTheRegistryPortAndReplacesTheTag()
    {
        _h.Workloads.SetStable("cart", "registry:5000/shop/cart@sha256:0123456789abcdef", 2);

        await _h.AcceptedAsync("deploy cart v1.1.0");

        var release = _h.Store.All.Single();
        Assert.Equal("registry:5000/shop/cart:v1.1.0", release.ToImage);
        Assert.Equal("@0123456789ab", release.FromVersion);
    }
}
