using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>A step that fails part-way leaves the release and the cluster agreeing: applied after all, or undone.</summary>
public sealed class StepRecoveryTests
{
    private const string NewImage = "registry:5000/shop/checkout:v2.4.0";
    private const string GaveUp = "the Kubernetes API failed to update Deployment shop/checkout (6 attempts): the server is currently unable to handle the request (HTTP 503).";
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task AStepWhoseChangesWereAllMade_IsAppliedAfterAll_SayingItMetAnError()
    {
        var release = await _h.DeployCheckoutAsync();
        var failures = 0;
        _h.Workloads.FailureAfterApplying = t => t.CanaryReplicas == 1 && failures++ == 0 ? new ClusterException(GaveUp) : null;
        await _h.AcceptedAsync("promote checkout 25%");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal((ReleaseState.Canary, 25, StepStatus.Applied), (stored.State, stored.EffectiveWeight, stored.Steps[^1].Status));
        var reply = _h.Chat.Posts[^1].Reply;
        Assert.Equal(ReplyKind.Success, reply.Kind);
        Assert.Equal(
            "checkout canary v2.4.0 now serves 25% (1 of 4 pods). It met an error on the way (" + GaveUp.TrimEnd('.') + "), but every change of the step was made and it serves.",
            reply.Text);
        Assert.Equal((3, 1), (_h.Workloads.Status("checkout").Stable!.Replicas, _h.Workloads.Status("checkout").Canary!.Replicas));
    }

    [Fact]
    public async Task AStepLeftHalfDone_IsUndone_AndTheFailureSaysWhereTheClusterIs()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");
        await _h.RunAsync(release.Id);
        _h.Workloads.FailureAfterApplying = t => t.CanaryReplicas == 2 ? new ClusterException(GaveUp) : null;
        await _h.AcceptedAsync("promote checkout 50%");

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal((ReleaseState.Failed, 25, StepStatus.Failed), (stored.State, stored.EffectiveWeight, stored.Steps[^1].Status));
        var reply = _h.Chat.Posts[^1].Reply;
        Assert.Equal(ReplyKind.Failure, reply.Kind);
        Assert.Equal(
            $"checkout: could not send 50% of traffic to the canary — {GaveUp} I undid what the step had changed: the cluster is back to the canary v2.4.0 at 25%. "
            + $"Release {release.Id} is now failed; `rollback checkout` returns everyone to v2.3.0.",
            reply.Text);
        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 3, NewImage, 1), _h.Workloads.Applied("checkout")[^1]);
        Assert.Equal((3, 1), (_h.Workloads.Status("checkout").Stable!.Replicas, _h.Workloads.Status("checkout").Canary!.Replicas));
    }

    [Fact]
    public async Task WhenTheClusterCannotBeBroughtBack_TheFailureSaysItMayBePartWay_AndARollbackStillWorks()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");
        await _h.RunAsync(release.Id);
        _h.Workloads.FailureAfterApplying = t => t.CanaryImage is not null ? new ClusterException(GaveUp) : null;
        await _h.AcceptedAsync("promote checkout 50%");

        await _h.RunAsync(release.Id);
        var failure = _h.Chat.Posts[^1].Reply.Text;
        _h.Workloads.FailureAfterApplying = null;
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        Assert.Contains(
            "I could not bring the cluster back to the canary v2.4.0 at 25% either (" + GaveUp.TrimEnd('.') + "), so it may be part-way between that and the step's target.",
            failure, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal((ReleaseState.RolledBack, 0), (stored.State, stored.EffectiveWeight));
        Assert.Null(_h.Workloads.Status("checkout").Canary);
        Assert.Equal((HandlerHarness.CheckoutImage, 4), (_h.Workloads.Status("checkout").Stable!.Image, _h.Workloads.Status("checkout").Stable!.Replicas));
    }

    [Fact]
    public async Task AFailedPromotion_IsUndoneToTheCanaryItCameFrom()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);
        _h.Workloads.FailureAfterApplying = t => t.CanaryImage is null && t.StableImage == NewImage ? new ClusterException(GaveUp) : null;
        await _h.AcceptedAsync("promote checkout full");

        await _h.RunAsync(release.Id);

        Assert.Contains("I undid what the step had changed: the cluster is back to the canary v2.4.0 at 50%.", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        var cluster = _h.Workloads.Status("checkout");
        Assert.Equal((HandlerHarness.CheckoutImage, 2, 2), (cluster.Stable!.Image, cluster.Stable.Replicas, cluster.Canary!.Replicas));
        Assert.Equal((ReleaseState.Failed, 50), (_h.Store.Get(release.Id).State, _h.Store.Get(release.Id).EffectiveWeight));
    }

    [Fact]
    public async Task AFailedDeploy_IsUndoneToNoCanaryAtAll()
    {
        _h.Workloads.FailureAfterApplying = t => t.CanaryImage is not null ? new ClusterException(GaveUp) : null;
        var release = await _h.DeployCheckoutAsync(run: false);

        await _h.RunAsync(release.Id);

        Assert.Contains("I undid what the step had changed: the cluster is back to v2.3.0 on every pod and no canary.", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Null(_h.Workloads.Status("checkout").Canary);
        Assert.Equal(ReleaseState.Failed, _h.Store.Get(release.Id).State);
    }

    [Fact]
    public async Task AFailedRollback_IsFinished_NotUndone()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);
        var failures = 0;
        _h.Workloads.FailureAfterApplying = t => t.CanaryImage is null && failures++ == 0 ? new ClusterException(GaveUp) : null;
        await _h.AcceptedAsync("rollback checkout");

        await _h.RunAsync(release.Id);

        Assert.Equal(ReleaseState.RolledBack, _h.Store.Get(release.Id).State);
        var reply = _h.Chat.Posts[^1].Reply;
        Assert.Equal(ReplyKind.Success, reply.Kind);
        Assert.EndsWith("It met an error on the way (" + GaveUp.TrimEnd('.') + "), but every change of the step was made and it serves.", reply.Text, StringComparison.Ordinal);
        Assert.Null(_h.Workloads.Status("checkout").Canary);
    }

    [Fact]
    public async Task ARollbackThatKeepsFailing_SaysTheClusterMayBePartWay_AndNeverBringsTheCanaryBack()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 50%");
        await _h.RunAsync(release.Id);
        var applied = _h.Workloads.Applied("checkout").Count;
        _h.Workloads.ApplyFailure = t => t.CanaryImage is null ? new ClusterException(GaveUp) : null;
        await _h.AcceptedAsync("rollback checkout");

        await _h.RunAsync(release.Id);

        Assert.Contains(
            "I could not finish the rollback either (" + GaveUp.TrimEnd('.') + "), so the cluster may be part-way between the canary v2.4.0 at 50% and v2.3.0 on every pod.",
            _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Failed, _h.Store.Get(release.Id).State);
        Assert.All(_h.Workloads.Applied("checkout").Skip(applied), t => Assert.Null(t.CanaryImage));
    }

    [Fact]
    public void Previous_IsTheLastAppliedStepInTheSameCluster()
    {
        var release = Release.Start(
            new NewRelease("checkout", "a", "shop", "v1", "v2", "c:v1", "c:v2", 4, "alice", HandlerHarness.Releases), DateTimeOffset.UnixEpoch);
        release.Steps[0].Status = StepStatus.Applied;
        release.Steps.Add(new ReleaseStep { Id = "x-2", Kind = StepKind.SetWeight, Weight = 25, Status = StepStatus.Applied, Cluster = "b" });
        release.Steps.Add(new ReleaseStep { Id = "x-3", Kind = StepKind.SetWeight, Weight = 50, Status = StepStatus.Failed, Cluster = "a" });
        release.Steps.Add(new ReleaseStep { Id = "x-4", Kind = StepKind.Full, Status = StepStatus.Running, Cluster = "a" });

        Assert.Same(release.Steps[0], Commands.Handlers.StepRecovery.Previous(release, release.Steps[3]));
        Assert.Null(Commands.Handlers.StepRecovery.Previous(release, release.Steps[0]));
    }
}
