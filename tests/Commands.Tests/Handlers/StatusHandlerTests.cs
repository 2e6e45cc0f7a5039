using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class StatusHandlerTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Status_WithoutApp_ListsEveryAppByName()
    {
        var reply = await _h.SayAsync("status");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        var lines = reply.Text.Split('\n');
        Assert.Equal(
            [
                "Cluster test-cluster:",
                "• cart (shop, router replicas): stable v1.0.0 2/2 ready",
                "  no release yet",
                "• checkout (shop, router replicas): stable v2.3.0 4/4 ready",
                "  no release yet",
            ],
            lines);
    }

    [Fact]
    public async Task Status_WithoutApp_SummarisesEachReleaseWithoutSteps()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");

        var reply = await _h.SayAsync("status");

        Assert.Contains("stable v2.3.0 4/4 ready; canary v2.4.0 0/0 ready", reply.Text, StringComparison.Ordinal);
        Assert.Contains($"release {release.Id} checkout v2.3.0 → v2.4.0: running as a canary, traffic to canary 0% (requested 20%), 1 step in progress",
            reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1. create the canary", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ForAnApp_ShowsTheReleaseAndEachStep()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");

        var reply = await _h.SayAsync("status checkout");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.DoesNotContain("cart", reply.Text, StringComparison.Ordinal);
        Assert.Contains("started by alice (slack:U1) 2025-03-01 09:01:00Z", reply.Text, StringComparison.Ordinal);
        Assert.Contains("1. create the canary at 0% — applied 2025-03-01 09:01:00Z: checkout v2.4.0 is deployed", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2. send 20% of traffic to the canary — queued (asked by alice (slack:U1) 2025-03-01 09:02:00Z)", reply.Text, StringComparison.Ordinal);
        Assert.Equal("checkout", _h.Audit.Entries[^1].App);
        Assert.Equal(release.Id, _h.Store.Get(release.Id).Id);
    }

    [Fact]
    public async Task Status_ForAnApp_ShowsTheRulesNextToTheWeightWithTheTimeLeft()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout header X-Canary=testers for 2h");
        await _h.AcceptedAsync("route checkout cookie canary");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains($"release {release.Id} checkout v2.3.0 → v2.4.0: running as a canary, traffic to canary 0% and requests with "
            + "header X-Canary: testers (1 h 58 min left) or cookie canary=always — started by", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2. route header X-Canary: testers to the canary — applied", reply.Text, StringComparison.Ordinal);
        Assert.Contains("3. route header X-Canary: testers and cookie canary=always to the canary — applied", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RuleWhoseTimeIsUpButNotYetEnded_SaysItIsEnding()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout cookie canary for 30m");
        _h.Time.Advance(TimeSpan.FromMinutes(30));

        var reply = await _h.SayAsync("status");

        Assert.Contains("traffic to canary 0% and requests with cookie canary=always (ending now)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterRulesAreCleared_ShowsOnlyTheWeight()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout cookie canary");
        await _h.AcceptedAsync("route checkout clear");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains("running as a canary, traffic to canary 0% — started by", reply.Text, StringComparison.Ordinal);
        Assert.Contains("3. clear the user rules — applied", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterAFailure_ShowsTheFailedAndCancelledSteps()
    {
        _h.Workloads.ApplyFailure = _ => new ClusterException("quota exceeded.");
        await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 20%");
        await _h.RunAsync(_h.Checkout.Id);

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains(": failed", reply.Text, StringComparison.Ordinal);
        Assert.Contains("— failed 2025-03-01 09:02:00Z: quota exceeded.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("— cancelled 2025-03-01 09:02:00Z: cancelled because an earlier step failed", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterTheReleaseFinished_CallsItTheLastRelease()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains($"last release {release.Id} checkout v2.3.0 → v2.4.0: rolled back", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("canary v2.4.0", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WhileAStepRuns_SaysSo()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.Store.UpdateAsync(release.Id, r => r.MarkRunning(r.Steps[0].Id, _h.Time.GetUtcNow()), CancellationToken.None);

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains("1. create the canary at 0% — running now", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_StableDeploymentMissing_SaysNotFound()
    {
        _h.Workloads.Remove("checkout");

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains("Deployment checkout not found", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_StableDeploymentRollingOut_SaysSo()
    {
        _h.Workloads.SetStable("checkout", HandlerHarness.CheckoutImage, 4, ready: 2, rolloutComplete: false);

        var reply = await _h.SayAsync("status checkout");

        Assert.Contains("stable v2.3.0 2/4 ready, rolling out", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ClusterUnreadable_StillAnswersAndSaysWhy()
    {
        _h.Workloads.ReadFailure = new ClusterException("the API server did not answer within 10 s");

        var reply = await _h.SayAsync("status");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("• cart (shop, router replicas): cluster not readable (the API server did not answer within 10 s)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• checkout (shop, router replicas): cluster not readable", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownApp_IsRefusedListingTheKnownApps()
    {
        var reply = await _h.SayAsync("status chekout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("Known apps: cart, checkout.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoAppsConfigured_SaysWhereToAddThem()
    {
        var h = new HandlerHarness(apps: []);

        var reply = await h.SayAsync("status");

        Assert.Contains("No apps are configured", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`Apps`", reply.Text, StringComparison.Ordinal);
    }
}
