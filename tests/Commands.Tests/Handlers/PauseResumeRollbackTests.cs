using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class PauseResumeRollbackTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Pause_HoldsTheReleaseWithoutTouchingTheCluster_AndResumeLetsItMoveAgain()
    {
        var release = await _h.DeployCheckoutAsync();
        var callsBefore = _h.Workloads.Calls.Count;

        var paused = await _h.AcceptedAsync("pause checkout");

        Assert.Contains("Paused checkout's release v2.4.0", paused.Text, StringComparison.Ordinal);
        Assert.Contains("`resume checkout`", paused.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Paused, _h.Store.Get(release.Id).State);
        Assert.Single(_h.Jobs.Enqueued);
        Assert.Equal(callsBefore, _h.Workloads.Calls.Count);

        var resumed = await _h.AcceptedAsync("resume checkout");

        Assert.Contains("Resumed checkout's release v2.4.0", resumed.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Canary, _h.Store.Get(release.Id).State);
        await _h.AcceptedAsync("promote checkout 20%");
    }

    [Fact]
    public async Task Pause_CancelsQueuedPromotionsButLetsARunningOneFinish()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");
        _h.Store.Update(release.Id, r => r.MarkRunning(r.Steps[1].Id, _h.Time.GetUtcNow()));
        await _h.AcceptedAsync("promote checkout 50%");

        var reply = await _h.AcceptedAsync("pause checkout");
        await _h.RunAsync(release.Id);

        Assert.Contains("1 queued promotion will not run", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal([StepStatus.Applied, StepStatus.Applied, StepStatus.Cancelled], stored.Steps.Select(s => s.Status));
        Assert.Equal((ReleaseState.Paused, 20, 25), (stored.State, stored.RequestedWeight, stored.EffectiveWeight));
    }

    [Fact]
    public async Task Pause_WhenAlreadyPaused_IsRefused()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("pause checkout");

        var reply = await _h.SayAsync("pause canary");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("already paused", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_WhenNotPaused_IsRefused()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("resume checkout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("not paused", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Canary, _h.Store.Get(release.Id).State);
    }

    [Fact]
    public async Task Rollback_CancelsTheQueuedStepsAndSaysHowMany()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 20%");

        var reply = await _h.AcceptedAsync("rollback checkout");

        Assert.Contains("2 queued steps will not run", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout returns to 4 pods of v2.3.0", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.RollingBack, stored.State);
        Assert.Equal(
            [(StepKind.Deploy, StepStatus.Cancelled), (StepKind.SetWeight, StepStatus.Cancelled), (StepKind.Rollback, StepStatus.Pending)],
            stored.Steps.Select(s => (s.Kind, s.Status)));
        Assert.Equal(3, _h.Jobs.Enqueued.Count);
        Assert.Equal(release.Id, _h.Jobs.Enqueued[^1]);
    }

    [Fact]
    public async Task Rollback_WhileAStepRuns_LetsItFinishAndCountsOnlyTheQueuedOnes()
    {
        var release = await _h.DeployCheckoutAsync(run: false);
        _h.Store.Update(release.Id, r => r.MarkRunning(r.Steps[0].Id, _h.Time.GetUtcNow()));
        await _h.AcceptedAsync("promote checkout 20%");

        var reply = await _h.AcceptedAsync("rollback checkout");

        Assert.Contains("1 queued step will not run", reply.Text, StringComparison.Ordinal);
        Assert.Equal(
            [StepStatus.Running, StepStatus.Cancelled, StepStatus.Pending],
            _h.Store.Get(release.Id).Steps.Select(s => s.Status));

        await _h.RunAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal([StepStatus.Applied, StepStatus.Cancelled, StepStatus.Applied], stored.Steps.Select(s => s.Status));
        Assert.Equal(ReleaseState.RolledBack, stored.State);
        Assert.Null(_h.Workloads.Status("checkout").Canary);
    }

    [Fact]
    public async Task Rollback_OneQueuedStep_SaysSo()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");

        var reply = await _h.AcceptedAsync("rollback checkout");

        Assert.Contains("1 queued step will not run", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_WithNothingQueued_MentionsNoCancelledSteps()
    {
        await _h.DeployCheckoutAsync();

        var reply = await _h.AcceptedAsync("abort checkout");

        Assert.DoesNotContain("will not run", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.RollingBack, _h.Checkout.State);
    }

    [Fact]
    public async Task Rollback_WhilePaused_IsAccepted()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("pause checkout");

        await _h.AcceptedAsync("rollback canary");

        Assert.Equal(ReleaseState.RollingBack, _h.Checkout.State);
    }

    [Fact]
    public async Task Rollback_OfAFailedRelease_IsAccepted()
    {
        _h.Workloads.ApplyFailure = t => t.CanaryImage is null ? null : new ClusterException("quota exceeded.");
        var release = await _h.DeployCheckoutAsync();

        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        Assert.Equal(ReleaseState.RolledBack, _h.Store.Get(release.Id).State);
    }

    [Theory]
    [InlineData("promote checkout full", "is complete")]
    [InlineData("rollback checkout", "was rolled back")]
    public async Task Rollback_OfAFinishedRelease_IsRefused(string finish, string expected)
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync(finish);
        await _h.RunAsync(release.Id);
        var jobs = _h.Jobs.Enqueued.Count;

        var reply = await _h.SayAsync("rollback checkout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(jobs, _h.Jobs.Enqueued.Count);
    }

    [Fact]
    public async Task Rollback_WhileRollingBack_IsRefused()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");

        var reply = await _h.SayAsync("rollback checkout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("being rolled back", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Checkout.Steps, s => s.Kind == StepKind.Rollback);
    }

    [Fact]
    public async Task Rollback_DryRun_ListsTheChangesAndChangesNothing()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 20%");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync("rollback checkout --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("Dry run of `rollback checkout`", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout: spec.replicas: 3 → 4", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Deployment shop/checkout-canary: delete", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Canary, _h.Store.Get(release.Id).State);
        Assert.Equal(2, _h.Jobs.Enqueued.Count);
        Assert.NotNull(_h.Workloads.Status("checkout").Canary);
    }

    [Fact]
    public async Task Steps_WhenEveryUpdateIsRetried_AreRecordedOnce()
    {
        _h.Store.RetryEveryUpdateOnce = true;
        var release = await _h.DeployCheckoutAsync(run: false);
        await _h.AcceptedAsync("promote checkout 20%");
        var paused = await _h.AcceptedAsync("pause checkout");
        await _h.AcceptedAsync("resume checkout");

        var reply = await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        Assert.Contains("1 queued promotion will not run", paused.Text, StringComparison.Ordinal);
        Assert.Contains("1 queued step will not run", reply.Text, StringComparison.Ordinal);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal([StepKind.Deploy, StepKind.SetWeight, StepKind.Rollback], stored.Steps.Select(s => s.Kind));
        Assert.Equal(ReleaseState.RolledBack, stored.State);
        Assert.Single(_h.Workloads.Applied("checkout"));
    }
}
