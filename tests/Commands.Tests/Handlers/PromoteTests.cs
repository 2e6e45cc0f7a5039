using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class PromoteTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Promote_ToAWeight_IsAcceptedWithTheSplitThePodsCanCarry()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("promote checkout 20%");

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Contains("requested 20%, effective 25% (1 of 4 pods)", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal(20, stored.RequestedWeight);
        Assert.Equal(0, stored.EffectiveWeight);
        var step = stored.Steps[^1];
        Assert.Equal((StepKind.SetWeight, 20, StepStatus.Pending), (step.Kind, step.Weight, step.Status));
        Assert.Equal([release.Id, release.Id], _h.Jobs.Enqueued);
        Assert.Empty(_h.Router.Calls);
    }

    [Fact]
    public async Task Promote_Lowering_WithoutForce_IsRefused()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");

        var reply = await _h.SayAsync("promote checkout 25%");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`--force`", reply.Text, StringComparison.Ordinal);
        Assert.Equal(50, _h.Store.Get(release.Id).RequestedWeight);
        Assert.Equal(2, _h.Store.Get(release.Id).Steps.Count);
        Assert.Equal(2, _h.Jobs.Enqueued.Count);
    }

    [Fact]
    public async Task Promote_Lowering_WithForce_IsAccepted()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");

        await _h.AcceptedAsync("promote checkout 25% --force");

        var stored = _h.Store.Get(release.Id);
        Assert.Equal(25, stored.RequestedWeight);
        Assert.Equal([0, 50, 25], stored.Steps.Select(s => s.Weight ?? -1));
    }

    [Fact]
    public async Task Promote_ToTheSameWeight_IsRefused()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");

        var reply = await _h.SayAsync("promote checkout 20 percent --force");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("already at 20%", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, _h.Store.Get(release.Id).Steps.Count);
    }

    [Fact]
    public async Task PromoteNext_ClimbsThePlan_ThenItsLastStepSendsEveryone()
    {
        var release = await _h.DeployCheckoutAsync();
        var seen = new List<int>();

        for (var i = 0; i < 4; i++)
        {
            await _h.AcceptedAsync("promote canary next");
            seen.Add(_h.Store.Get(release.Id).RequestedWeight);
        }

        var last = await _h.SayAsync("promote canary next");
        var after = await _h.SayAsync("promote canary next");

        Assert.Equal([5, 25, 50, 75], seen);
        Assert.Equal(ReplyKind.Accepted, last.Kind);
        Assert.Contains("promoting checkout v2.4.0 to everyone", last.Text, StringComparison.Ordinal);
        Assert.Equal((StepKind.Full, 4), (_h.Store.Get(release.Id).Steps[^1].Kind, _h.Store.Get(release.Id).Steps[^1].PlanIndex));
        Assert.Equal(ReplyKind.Refused, after.Kind);
        Assert.Equal(6, _h.Store.Get(release.Id).Steps.Count);
    }

    [Fact]
    public async Task PromoteNext_AfterAnExplicitWeight_GoesToTheNextRungAboveIt()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 30%");

        await _h.AcceptedAsync("promote checkout next");

        Assert.Equal(50, _h.Store.Get(release.Id).RequestedWeight);
    }

    [Fact]
    public async Task PromoteFull_StartsCompletingTheRelease()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.AcceptedAsync("promote checkout full");

        Assert.Contains("registry:5000/shop/checkout:v2.4.0 on 4 pods", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.Completing, stored.State);
        Assert.Equal(100, stored.RequestedWeight);
        Assert.Equal(StepKind.Full, stored.Steps[^1].Kind);
        Assert.Equal(2, _h.Jobs.Enqueued.Count);
    }

    [Fact]
    public async Task Promote_WhileCompleting_IsRefused()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout full");

        var reply = await _h.SayAsync("promote checkout 50%");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("being promoted to everyone", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("promote checkout 20%")]
    [InlineData("promote checkout next")]
    [InlineData("promote checkout full")]
    public async Task Promote_WhenPaused_IsRefusedMentioningResume(string text)
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("pause checkout");

        var reply = await _h.SayAsync(text);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`resume checkout`", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Store.Get(release.Id).Steps);
        Assert.Single(_h.Jobs.Enqueued);
    }

    [Fact]
    public async Task PromoteNext_WhenPausedAtTheTopOfTheLadder_MentionsResume()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 75%");
        await _h.AcceptedAsync("pause checkout");

        var reply = await _h.SayAsync("promote checkout next");

        Assert.Contains("`resume checkout`", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("last step of the ladder", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("promote checkout 20%")]
    [InlineData("promote checkout next")]
    [InlineData("promote checkout full")]
    public async Task Promote_WhenReleaseRolledBack_IsRefused(string text)
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync(text);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("was rolled back", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`deploy checkout <version>`", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("promote checkout 20%")]
    [InlineData("promote checkout next")]
    [InlineData("promote checkout full")]
    public async Task Promote_WhenReleaseCompleted_IsRefusedMentioningDeploy(string text)
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout full");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync(text);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("is complete", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`deploy checkout <version>`", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("`promote checkout full`", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_WhenReleaseFailed_IsRefusedMentioningRollback()
    {
        _h.Workloads.ApplyFailure = _ => new ClusterException("image not found.");
        var release = await _h.DeployCheckoutAsync();
        Assert.Equal(ReleaseState.Failed, _h.Store.Get(release.Id).State);

        var reply = await _h.SayAsync("promote canary next");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`rollback checkout`", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_AShareTooFewPodsCannotCarry_IsRefused()
    {
        _h.Workloads.SetStable("checkout", HandlerHarness.CheckoutImage, 1);
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("promote checkout 20%");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("With 1 pod", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Store.Get(release.Id).Steps);
    }

    [Fact]
    public async Task Promote_DryRun_ListsTheChangesAndChangesNothing()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("promote checkout 20% --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("Dry run of `promote checkout 20%` — nothing was changed", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout: spec.replicas: 4 → 3", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout-canary: spec.replicas: 0 → 1", reply.Text, StringComparison.Ordinal);
        Assert.Contains("The canary would get requested 20%, effective 25% (1 of 4 pods).", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, _h.Store.Get(release.Id).RequestedWeight);
        Assert.Single(_h.Store.Get(release.Id).Steps);
        Assert.Single(_h.Jobs.Enqueued);
        Assert.Equal((release.Id, 20, ChangeMode.DryRun), Assert.Single(_h.Router.Calls));
        Assert.Equal(0, _h.Workloads.Status("checkout").Canary!.Replicas);
    }

    [Fact]
    public async Task Promote_DryRun_IsRefusedLikeTheRealCommand()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");

        var reply = await _h.SayAsync("promote checkout 20% --dry-run");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`--force`", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Router.Calls);
    }

    [Fact]
    public async Task PromoteFull_DryRun_ListsTheChangesAndChangesNothing()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("promote checkout full --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("Deployment shop/checkout: spec.template.spec.containers[0].image: " + HandlerHarness.CheckoutImage
            + " → registry:5000/shop/checkout:v2.4.0", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout-canary: delete", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Canary, _h.Store.Get(release.Id).State);
        Assert.Single(_h.Jobs.Enqueued);
    }

    [Fact]
    public async Task Promote_NamedAppWithoutARelease_IsRefusedMentioningDeploy()
    {
        var reply = await _h.SayAsync("promote checkout 20%");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("checkout has no release yet", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`deploy checkout <version>`", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_UnknownApp_ListsTheKnownApps()
    {
        var reply = await _h.SayAsync("promote chekout 20%");

        Assert.Contains("Did you mean `checkout`?", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Known apps: cart, checkout.", reply.Text, StringComparison.Ordinal);
    }
}
