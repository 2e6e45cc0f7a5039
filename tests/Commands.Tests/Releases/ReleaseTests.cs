using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class ReleaseTests
{
    private static readonly DateTimeOffset Later = TestReleases.Now.AddMinutes(5);
    private static readonly ConversationRef OtherThread = new("slack", "C-releases", "T-2");

    [Fact]
    public void Start_RecordsTheRequestAndQueuesTheDeployStep()
    {
        var release = TestReleases.Start(stableReplicas: 3);

        Assert.Matches("^[0-9a-f]{8}$", release.Id);
        Assert.Equal(ReleaseState.Canary, release.State);
        Assert.Equal(("checkout", "v1.0.0", "v2.0.0", 3), (release.App, release.FromVersion, release.ToVersion, release.StableReplicas));
        Assert.Equal("registry:5000/shop/checkout:v2.0.0", release.ToImage);
        Assert.Equal(TestReleases.Now, release.CreatedAt);
        Assert.Equal(0, release.RequestedWeight);
        var step = Assert.Single(release.Steps);
        Assert.Equal($"{release.Id}-1", step.Id);
        Assert.Equal(StepKind.Deploy, step.Kind);
        Assert.Equal(0, step.Weight);
        Assert.Equal(StepStatus.Pending, step.Status);
        Assert.Equal("alice (slack:U1)", step.RequestedBy);
        Assert.Equal(TestReleases.Conversation, step.Conversation);
        Assert.Same(step, release.NextOpenStep);
        Assert.True(release.IsActive);
        Assert.Equal("checkout v1.0.0 → v2.0.0", release.Title);
    }

    [Fact]
    public void Start_GivesEachReleaseItsOwnId()
    {
        Assert.NotEqual(TestReleases.Start().Id, TestReleases.Start().Id);
    }

    [Fact]
    public void Accept_SetWeight_AddsANumberedStepAndRecordsTheWeight()
    {
        var release = TestReleases.Start();

        var step = release.Accept(ReleaseTrigger.SetWeight, 20, "bob (slack:U2)", OtherThread, Later);

        Assert.NotNull(step);
        Assert.Equal($"{release.Id}-2", step.Id);
        Assert.Equal((StepKind.SetWeight, 20, StepStatus.Pending), (step.Kind, step.Weight, step.Status));
        Assert.Equal("bob (slack:U2)", step.RequestedBy);
        Assert.Equal(OtherThread, step.Conversation);
        Assert.Equal(Later, step.RequestedAt);
        Assert.Equal(20, release.RequestedWeight);
        Assert.Equal(0, release.EffectiveWeight);
        Assert.Equal(Later, release.UpdatedAt);
        Assert.Equal(2, release.Steps.Count);
    }

    [Fact]
    public void Accept_Full_AsksForEveryoneAndMovesToCompleting()
    {
        var release = TestReleases.Start();

        var step = release.Accept(ReleaseTrigger.Full, null, "alice", TestReleases.Conversation, Later);

        Assert.Equal((StepKind.Full, 100), (step!.Kind, step.Weight));
        Assert.Equal(100, release.RequestedWeight);
        Assert.Equal(ReleaseState.Completing, release.State);
    }

    [Theory]
    [InlineData(ReleaseTrigger.Pause, ReleaseState.Canary, ReleaseState.Paused)]
    [InlineData(ReleaseTrigger.Resume, ReleaseState.Paused, ReleaseState.Canary)]
    public void Accept_PauseOrResume_ChangesStateWithoutAStep(ReleaseTrigger trigger, ReleaseState before, ReleaseState after)
    {
        var release = TestReleases.In(before);

        var step = release.Accept(trigger, null, "alice", TestReleases.Conversation, Later);

        Assert.Null(step);
        Assert.Equal(after, release.State);
        Assert.Single(release.Steps);
    }

    [Fact]
    public void Accept_WhenTheRulesRefuse_ThrowsAndChangesNothing()
    {
        var release = TestReleases.In(ReleaseState.Paused, 20);

        var error = Assert.Throws<InvalidOperationException>(() =>
            release.Accept(ReleaseTrigger.SetWeight, 50, "alice", TestReleases.Conversation, Later));

        Assert.Contains("`resume checkout`", error.Message, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Paused, release.State);
        Assert.Equal(20, release.RequestedWeight);
        Assert.Single(release.Steps);
        Assert.Equal(TestReleases.Now, release.UpdatedAt);
    }

    [Fact]
    public void Accept_Rollback_CancelsPendingStepsButNotTheRunningOne()
    {
        var release = TestReleases.Start();
        release.Accept(ReleaseTrigger.SetWeight, 20, "alice", TestReleases.Conversation, TestReleases.Now);
        release.Accept(ReleaseTrigger.SetWeight, 50, "alice", TestReleases.Conversation, TestReleases.Now);
        Assert.True(release.MarkRunning(release.Steps[0].Id, TestReleases.Now));

        var rollback = release.Accept(ReleaseTrigger.Rollback, null, "bob", TestReleases.Conversation, Later);

        Assert.Equal(StepStatus.Running, release.Steps[0].Status);
        Assert.Null(release.Steps[0].FinishedAt);
        Assert.All(release.Steps.Skip(1).Take(2), s =>
        {
            Assert.Equal(StepStatus.Cancelled, s.Status);
            Assert.Equal(Later, s.FinishedAt);
            Assert.Equal("cancelled by the rollback", s.Outcome);
        });
        Assert.Equal((StepKind.Rollback, StepStatus.Pending, $"{release.Id}-4"), (rollback!.Kind, rollback.Status, rollback.Id));
        Assert.Equal(ReleaseState.RollingBack, release.State);
        Assert.Equal(0, release.RequestedWeight);
        Assert.Same(release.Steps[0], release.NextOpenStep);
    }

    [Fact]
    public void MarkRunning_OpenStep_RunsIt()
    {
        var release = TestReleases.Start();
        var id = release.Steps[0].Id;

        Assert.True(release.MarkRunning(id, Later));
        Assert.Equal(StepStatus.Running, release.Steps[0].Status);
        Assert.True(release.HasOpenSteps);
        Assert.True(release.MarkRunning(id, Later), "a step left running by a crash may be run again");
    }

    [Fact]
    public void MarkRunning_CancelledStep_IsRefused()
    {
        var release = TestReleases.Start();
        release.Accept(ReleaseTrigger.SetWeight, 20, "alice", TestReleases.Conversation, TestReleases.Now);
        release.Accept(ReleaseTrigger.Rollback, null, "alice", TestReleases.Conversation, TestReleases.Now);

        Assert.False(release.MarkRunning(release.Steps[1].Id, Later));
        Assert.Equal(StepStatus.Cancelled, release.Steps[1].Status);
    }

    [Fact]
    public void MarkRunning_AppliedStep_IsRefused()
    {
        var release = TestReleases.Start();
        var id = release.Steps[0].Id;
        release.MarkApplied(id, 0, "deployed", Later);

        Assert.False(release.MarkRunning(id, Later));
        Assert.Equal(StepStatus.Applied, release.Steps[0].Status);
    }

    [Fact]
    public void MarkRunning_UnknownStep_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => TestReleases.Start().MarkRunning("nope-9", Later));
    }

    [Fact]
    public void MarkApplied_RecordsTheOutcomeAndEffectiveWeight()
    {
        var release = TestReleases.Start();
        var step = release.Accept(ReleaseTrigger.SetWeight, 20, "alice", TestReleases.Conversation, TestReleases.Now)!;
        release.MarkApplied(release.Steps[0].Id, 0, "deployed", TestReleases.Now);

        release.MarkApplied(step.Id, 25, "now 25%", Later);

        var stored = release.Step(step.Id);
        Assert.Equal((StepStatus.Applied, 25, "now 25%", (DateTimeOffset?)Later), (stored.Status, stored.EffectiveWeight, stored.Outcome, stored.FinishedAt));
        Assert.Equal(25, release.EffectiveWeight);
        Assert.Equal(20, release.RequestedWeight);
        Assert.Equal(ReleaseState.Canary, release.State);
        Assert.False(release.HasOpenSteps);
        Assert.Null(release.NextOpenStep);
    }

    [Theory]
    [InlineData(ReleaseTrigger.Full, 100, ReleaseState.Completed)]
    [InlineData(ReleaseTrigger.Rollback, 0, ReleaseState.RolledBack)]
    public void MarkApplied_LastStep_FinishesTheRelease(ReleaseTrigger trigger, int effective, ReleaseState finished)
    {
        var release = TestReleases.Start();
        release.MarkApplied(release.Steps[0].Id, 0, "deployed", TestReleases.Now);
        var step = release.Accept(trigger, null, "alice", TestReleases.Conversation, TestReleases.Now)!;

        release.MarkApplied(step.Id, effective, "done", Later);

        Assert.Equal(finished, release.State);
        Assert.Equal(effective, release.EffectiveWeight);
        Assert.False(release.IsActive);
    }

    [Fact]
    public void MarkFailed_FailsTheReleaseAndCancelsTheStepsBehind()
    {
        var release = TestReleases.Start();
        release.Accept(ReleaseTrigger.SetWeight, 20, "alice", TestReleases.Conversation, TestReleases.Now);
        release.Accept(ReleaseTrigger.SetWeight, 50, "alice", TestReleases.Conversation, TestReleases.Now);
        var first = release.Steps[0].Id;
        release.MarkRunning(first, TestReleases.Now);

        release.MarkFailed(first, "image pull failed", Later);

        Assert.Equal(ReleaseState.Failed, release.State);
        Assert.Equal((StepStatus.Failed, "image pull failed"), (release.Steps[0].Status, release.Steps[0].Outcome));
        Assert.All(release.Steps.Skip(1), s =>
        {
            Assert.Equal(StepStatus.Cancelled, s.Status);
            Assert.Equal("cancelled because an earlier step failed", s.Outcome);
        });
        Assert.False(release.HasOpenSteps);
        Assert.True(release.IsActive, "a failed release still owns its canary until it is rolled back");
        Assert.True(ReleaseRules.Decide(release, ReleaseTrigger.Rollback).Allowed);
    }

    [Fact]
    public void NextOpenStep_FollowsTheOrderTheStepsWereAskedFor()
    {
        var release = TestReleases.Start();
        release.Accept(ReleaseTrigger.SetWeight, 20, "alice", TestReleases.Conversation, TestReleases.Now);
        release.Accept(ReleaseTrigger.SetWeight, 50, "alice", TestReleases.Conversation, TestReleases.Now);
        var seen = new List<int?>();

        while (release.NextOpenStep is { } step)
        {
            seen.Add(step.Weight);
            release.MarkRunning(step.Id, Later);
            release.MarkApplied(step.Id, step.Weight ?? 0, "ok", Later);
        }

        Assert.Equal([0, 20, 50], seen);
        Assert.Equal(50, release.EffectiveWeight);
    }

    [Theory]
    [InlineData(ReleaseState.Canary, true)]
    [InlineData(ReleaseState.Paused, true)]
    [InlineData(ReleaseState.Completing, true)]
    [InlineData(ReleaseState.RollingBack, true)]
    [InlineData(ReleaseState.Failed, true)]
    [InlineData(ReleaseState.Completed, false)]
    [InlineData(ReleaseState.RolledBack, false)]
    public void IsActive_UntilCompletedOrRolledBack(ReleaseState state, bool active)
    {
        Assert.Equal(active, TestReleases.In(state).IsActive);
    }

    [Theory]
    [InlineData(StepKind.Deploy, null, "create the canary at 0%")]
    [InlineData(StepKind.SetWeight, 20, "send 20% of traffic to the canary")]
    [InlineData(StepKind.Full, 100, "promote to everyone")]
    [InlineData(StepKind.Rollback, 0, "roll back")]
    public void StepDescribe_SaysWhatTheStepDoes(StepKind kind, int? weight, string expected)
    {
        Assert.Equal(expected, new ReleaseStep { Kind = kind, Weight = weight }.Describe());
    }
}
