using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class ReleaseStepRunnerTests
{
    private const string NewImage = "registry:5000/shop/checkout:v2.4.0";
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Run_DeployStep_CreatesTheCanaryAndPostsToTheConversation()
    {
        var release = await _h.DeployCheckoutAsync(run: false);

        await _h.RunAsync(release.Id);

        var cluster = _h.Workloads.Status("checkout");
        Assert.Equal((NewImage, 0), (cluster.Canary!.Image, cluster.Canary.Replicas));
        Assert.Equal((HandlerHarness.CheckoutImage, 4), (cluster.Stable!.Image, cluster.Stable.Replicas));
        var (where, reply) = Assert.Single(_h.Chat.Posts);
        Assert.Equal(HandlerHarness.Releases, where);
        Assert.Equal(ReplyKind.Success, reply.Kind);
        Assert.Contains("deployed as `checkout-canary` at 0%", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`promote checkout next`", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal((StepStatus.Applied, 0), (stored.Steps[0].Status, stored.Steps[0].EffectiveWeight));
        Assert.Equal(reply.Text, stored.Steps[0].Outcome);
        Assert.Equal(ReleaseState.Canary, stored.State);
        var entry = _h.Audit.Entries[^1];
        Assert.Equal(("bot (job)", AuditOutcome.Done, release.Id), (entry.Actor, entry.Outcome, entry.ReleaseId));
        Assert.Equal($"step {release.Id}-1: create the canary at 0%", entry.Command);
    }

    [Fact]
    public async Task Run_SetWeightStep_MovesPodsAndRecordsTheEffectiveWeight()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal((ReleaseState.Canary, 20, 25), (stored.State, stored.RequestedWeight, stored.EffectiveWeight));
        Assert.Equal(25, stored.Steps[^1].EffectiveWeight);
        var cluster = _h.Workloads.Status("checkout");
        Assert.Equal((3, 1), (cluster.Stable!.Replicas, cluster.Canary!.Replicas));
        Assert.Contains("now serves requested 20%, effective 25% (1 of 4 pods)", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Equal((release.Id, 20, ChangeMode.Apply), Assert.Single(_h.Router.Calls));
    }

    [Fact]
    public async Task Run_FullStep_MakesTheNewVersionStableAndCompletesTheRelease()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);
        await _h.AcceptedAsync("promote checkout full");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal((ReleaseState.Completed, 100), (stored.State, stored.EffectiveWeight));
        Assert.False(stored.IsActive);
        var cluster = _h.Workloads.Status("checkout");
        Assert.Equal((NewImage, 4), (cluster.Stable!.Image, cluster.Stable.Replicas));
        Assert.Null(cluster.Canary);
        Assert.Contains("is now the stable version on 4 pods", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Contains($"Release {release.Id} is complete", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RollbackStep_RestoresTheStableVersionAndRollsTheReleaseBack()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);
        await _h.AcceptedAsync("rollback checkout");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal((ReleaseState.RolledBack, 0), (stored.State, stored.EffectiveWeight));
        var cluster = _h.Workloads.Status("checkout");
        Assert.Equal((HandlerHarness.CheckoutImage, 4), (cluster.Stable!.Image, cluster.Stable.Replicas));
        Assert.Null(cluster.Canary);
        Assert.Contains("back on v2.3.0 (4 pods)", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SetRouteStep_GivesTheRouterTheRulesAndReportsThem()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout header X-Canary=testers for 2h");

        await _h.RunAsync(release.Id);

        var (_, target, mode) = _h.Router.Targets[^1];
        Assert.Equal((TrafficPhase.Canary, 0, ChangeMode.Apply), (target.Phase, target.Weight, mode));
        Assert.Equal("header X-Canary: testers", Assert.Single(target.Rules).Describe());
        Assert.Equal("checkout: requests with header X-Canary: testers now reach the canary v2.4.0 (no public traffic yet).",
            _h.Chat.Posts[^1].Reply.Text);
        Assert.Equal(HandlerHarness.Releases, _h.Chat.Posts[^1].Conversation);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal((StepStatus.Applied, 0), (stored.Steps[^1].Status, stored.Steps[^1].EffectiveWeight));
        Assert.Single(stored.Rules);
        var entry = _h.Audit.Entries[^1];
        Assert.Equal(("bot (job)", AuditOutcome.Done), (entry.Actor, entry.Outcome));
        Assert.Equal($"step {release.Id}-2: route header X-Canary: testers to the canary", entry.Command);
        Assert.Equal(stored.Revision, _h.Chat.Cards[^1].Revision);
    }

    [Fact]
    public async Task Run_SetRouteStepBesidesAWeight_ReportsBoth()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");
        await _h.AcceptedAsync("route checkout cookie canary");

        await _h.RunAsync(release.Id);

        Assert.Equal("checkout: requests with cookie canary=always now reach the canary v2.4.0, besides 25% of everyone.", _h.Chat.Posts[^1].Reply.Text);
        Assert.Equal(25, _h.Store.Get(release.Id).EffectiveWeight);
    }

    [Fact]
    public async Task Run_SetWeightAfterARoute_KeepsTheRulesInTheRouter()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout cookie canary");
        await _h.AcceptedAsync("promote checkout 50%");

        await _h.RunAsync(release.Id);

        var (_, target, _) = _h.Router.Targets[^1];
        Assert.Equal(50, target.Weight);
        Assert.Equal("cookie canary=always", Assert.Single(target.Rules).Describe());
    }

    [Fact]
    public async Task Run_RuleTheRouterCannotCarry_FailsTheStepWithTheRoutersReason()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout cookie canary");
        _h.Router.SupportsRules = false;

        await _h.RunAsync(release.Id);

        Assert.Equal(ReleaseState.Failed, _h.Store.Get(release.Id).State);
        Assert.Contains("could not route cookie canary=always to the canary — This router cannot route by header or cookie",
            _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeveralOpenSteps_CarriesThemOutInOrder()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 25%");
        await _h.AcceptedAsync("promote checkout 50%");

        await _h.RunAsync(release.Id);

        Assert.Equal(
            [
                new WorkloadTarget(HandlerHarness.CheckoutImage, 4, NewImage, 0),
                new WorkloadTarget(HandlerHarness.CheckoutImage, 3, NewImage, 1),
                new WorkloadTarget(HandlerHarness.CheckoutImage, 2, NewImage, 2),
            ],
            _h.Workloads.Applied("checkout"));
        Assert.Equal(3, _h.Chat.Posts.Count);
        Assert.Contains("at 0%", _h.Chat.Posts[0].Reply.Text, StringComparison.Ordinal);
        Assert.Contains("25% (1 of 4 pods)", _h.Chat.Posts[1].Reply.Text, StringComparison.Ordinal);
        Assert.Contains("50% (2 of 4 pods)", _h.Chat.Posts[2].Reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.All(stored.Steps, s => Assert.Equal(StepStatus.Applied, s.Status));
        Assert.Equal(50, stored.EffectiveWeight);
    }

    [Fact]
    public async Task Run_EachStepPostsToTheConversationItWasAskedIn()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 25%", HandlerHarness.Elsewhere);

        await _h.RunAsync(release.Id);

        Assert.Equal([HandlerHarness.Releases, HandlerHarness.Elsewhere], _h.Chat.Posts.Select(p => p.Conversation));
    }

    [Fact]
    public async Task Run_StepFailingInTheCluster_PostsTheFailureNamingRollbackAndCancelsTheRest()
    {
        const string Problem = "Deployment shop/checkout-canary: image registry:5000/shop/checkout:v2.4.0 was not found.";
        _h.Workloads.ApplyFailure = t => t.CanaryReplicas == 0 && t.CanaryImage is not null ? new ClusterException(Problem) : null;
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 25%");

        await _h.RunAsync(release.Id);

        var (where, reply) = Assert.Single(_h.Chat.Posts);
        Assert.Equal(HandlerHarness.Releases, where);
        Assert.Equal(ReplyKind.Failure, reply.Kind);
        Assert.Contains("could not create the canary at 0%", reply.Text, StringComparison.Ordinal);
        Assert.Contains("image registry:5000/shop/checkout:v2.4.0 was not found", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`rollback checkout`", reply.Text, StringComparison.Ordinal);
        Assert.Contains("v2.3.0", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.Failed, stored.State);
        Assert.Equal([StepStatus.Failed, StepStatus.Cancelled], stored.Steps.Select(s => s.Status));
        Assert.Equal($"{Problem} Nothing in the cluster changed: it still has v2.3.0 on every pod and no canary.", stored.Steps[0].Outcome);
        Assert.Contains("Nothing in the cluster changed: it still has v2.3.0 on every pod and no canary.", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Workloads.Applied("checkout"));
        Assert.Empty(_h.Router.Calls);
        Assert.Equal(AuditOutcome.Failed, _h.Audit.Entries[^1].Outcome);
    }

    [Fact]
    public async Task Run_StepFailingWithARollbackQueued_StillRollsBack()
    {
        _h.Workloads.ApplyFailure = t => t.CanaryReplicas == 1 ? new ClusterException("Deployment shop/checkout-canary had 0 of 1 pods available.") : null;
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");
        _h.Store.Update(release.Id, r => r.MarkRunning(r.Steps[1].Id, _h.Time.GetUtcNow()));
        await _h.AcceptedAsync("rollback checkout");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal([StepStatus.Applied, StepStatus.Failed, StepStatus.Applied], stored.Steps.Select(s => s.Status));
        Assert.Equal(ReleaseState.RolledBack, stored.State);
        Assert.Null(_h.Workloads.Status("checkout").Canary);
        Assert.Equal([ReplyKind.Success, ReplyKind.Failure, ReplyKind.Success], _h.Chat.Posts.Select(p => p.Reply.Kind));
    }

    [Fact]
    public async Task Run_WhenTheStoreLosesAStepsOutcome_StopsInsteadOfRepeatingIt()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        _h.Store.LoseUpdateWhen = r => r.Steps.Any(s => s.Status == StepStatus.Applied);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.RunAsync(release.Id));

        Assert.Single(_h.Workloads.Applied("checkout"));
    }

    [Fact]
    public async Task Run_WeightTheRouterCannotCarry_FailsTheStepWithTheRoutersReason()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");
        _h.Store.Update(release.Id, r => r.StableReplicas = 1);

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.Failed, stored.State);
        Assert.Contains("only send 0% or 100%", stored.Steps[^1].Outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Router.Calls, c => c.Mode == ChangeMode.Apply);
    }

    [Fact]
    public async Task Run_StepFailingUnexpectedly_PostsNoExceptionText()
    {
        _h.Workloads.ApplyFailure = _ => new InvalidOperationException("token=abc123 leaked");
        var release = await _h.DeployCheckoutAsync(run: false);

        await _h.RunAsync(release.Id);

        var reply = Assert.Single(_h.Chat.Posts).Reply;
        Assert.Equal(ReplyKind.Failure, reply.Kind);
        Assert.Contains("an unexpected error", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", _h.Store.Get(release.Id).Steps[0].Outcome, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Failed, _h.Store.Get(release.Id).State);
    }

    [Fact]
    public async Task Run_Twice_AppliesNothingTwice()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 25%");

        await _h.RunAsync(release.Id);
        await _h.RunAsync(release.Id);

        var applied = _h.Workloads.Applied("checkout");
        Assert.Equal(2, applied.Count);
        Assert.Equal(applied.Distinct().Count(), applied.Count);
        Assert.Equal(2, _h.Chat.Posts.Count);
        Assert.Equal(2, _h.Audit.Entries.Count(e => e.Outcome == AuditOutcome.Done));
    }

    [Fact]
    public async Task Run_StepLeftRunningAfterACrash_IsCarriedOutAgain()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        var step = release.Steps[0].Id;
        await _h.Store.UpdateAsync(release.Id, r => r.MarkRunning(step, _h.Time.GetUtcNow()), CancellationToken.None);

        await _h.RunAsync(release.Id);

        Assert.Equal(StepStatus.Applied, _h.Store.Get(release.Id).Steps[0].Status);
        Assert.Single(_h.Workloads.Applied("checkout"));
        Assert.NotNull(_h.Workloads.Status("checkout").Canary);
        Assert.Single(_h.Chat.Posts);
    }

    [Fact]
    public async Task Run_WhenPostingFails_StillRecordsTheStep()
    {
        _h.Chat.PostFailure = new HttpRequestException("chat is down");
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 25%");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.All(stored.Steps, s => Assert.Equal(StepStatus.Applied, s.Status));
        Assert.Equal(25, stored.EffectiveWeight);
        Assert.Equal(2, _h.Audit.Entries.Count(e => e.Outcome == AuditOutcome.Done));
    }

    [Fact]
    public async Task Run_WhenPostingAFailureFails_StillRecordsTheFailure()
    {
        _h.Chat.PostFailure = new HttpRequestException("chat is down");
        _h.Workloads.ApplyFailure = _ => new ClusterException("quota exceeded.");
        var release = await _h.DeployCheckoutAsync(run: false);

        await _h.RunAsync(release.Id);

        Assert.Equal(ReleaseState.Failed, _h.Store.Get(release.Id).State);
        Assert.Equal(AuditOutcome.Failed, _h.Audit.Entries[^1].Outcome);
    }

    [Fact]
    public async Task Run_ConversationOnAPlatformWithoutAnAdapter_StillRecordsTheStep()
    {
        var release = await _h.DeployCheckoutAsync(run: false, where: new ConversationRef("teams", "19:general"));

        await _h.RunAsync(release.Id);

        Assert.Equal(StepStatus.Applied, _h.Store.Get(release.Id).Steps[0].Status);
        Assert.Empty(_h.Chat.Posts);
    }

    [Fact]
    public async Task Run_AfterARollbackWasAccepted_SkipsTheCancelledSteps()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 25%");
        await _h.AcceptedAsync("rollback checkout");

        await _h.RunAsync(release.Id);

        Assert.Equal([new WorkloadTarget(HandlerHarness.CheckoutImage, 4, null, 0)], _h.Workloads.Applied("checkout"));
        Assert.Empty(_h.Router.Calls);
        Assert.Equal(ReleaseState.RolledBack, _h.Store.Get(release.Id).State);
        Assert.Single(_h.Chat.Posts);
    }

    [Fact]
    public async Task Run_StepCancelledByARollbackJustBeforeItStarts_IsNotCarriedOut()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");
        _h.Store.BeforeNextUpdate = () => _h.Store.Update(release.Id, r =>
            r.Accept(ReleaseTrigger.Rollback, null, "bob (slack:U2)", HandlerHarness.Releases, _h.Time.GetUtcNow()));

        await _h.RunAsync(release.Id);

        Assert.Empty(_h.Router.Calls);
        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 4, null, 0), _h.Workloads.Applied("checkout")[^1]);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.RolledBack, stored.State);
        Assert.Equal(StepStatus.Cancelled, stored.Steps[1].Status);
        Assert.Contains("back on v2.3.0", Assert.Single(_h.Chat.Posts.Skip(1)).Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AppNoLongerConfigured_FailsTheStepSayingSo()
    {
        var orphan = Release.Start(
            new NewRelease("legacy", "test-cluster", "shop", "v1", "v2", "legacy:v1", "legacy:v2", 2, "alice", HandlerHarness.Releases),
            _h.Time.GetUtcNow());
        _h.Store.Put(orphan);

        await _h.RunAsync(orphan.Id);

        Assert.Equal(ReleaseState.Failed, _h.Store.Get(orphan.Id).State);
        Assert.Contains("no longer in the configuration", Assert.Single(_h.Chat.Posts).Reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Workloads.Calls);
    }

    [Fact]
    public async Task Run_UnknownRelease_DoesNothing()
    {
        await _h.RunAsync("nope");

        Assert.Empty(_h.Workloads.Calls);
        Assert.Empty(_h.Chat.Posts);
        Assert.Empty(_h.Audit.Entries);
    }
}
