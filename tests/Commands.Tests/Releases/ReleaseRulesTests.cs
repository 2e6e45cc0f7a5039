using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class ReleaseRulesTests
{
    private const ReleaseState Canary = ReleaseState.Canary;
    private const ReleaseState Paused = ReleaseState.Paused;
    private const ReleaseState Completing = ReleaseState.Completing;
    private const ReleaseState RollingBack = ReleaseState.RollingBack;
    private const ReleaseState Completed = ReleaseState.Completed;
    private const ReleaseState RolledBack = ReleaseState.RolledBack;
    private const ReleaseState Failed = ReleaseState.Failed;

    private const ReleaseTrigger SetWeight = ReleaseTrigger.SetWeight;
    private const ReleaseTrigger Full = ReleaseTrigger.Full;
    private const ReleaseTrigger Pause = ReleaseTrigger.Pause;
    private const ReleaseTrigger Resume = ReleaseTrigger.Resume;
    private const ReleaseTrigger Rollback = ReleaseTrigger.Rollback;
    private const ReleaseTrigger StepApplied = ReleaseTrigger.StepApplied;
    private const ReleaseTrigger StepFailed = ReleaseTrigger.StepFailed;
    private const ReleaseTrigger SetRoute = ReleaseTrigger.SetRoute;
    private const ReleaseTrigger ClearRoute = ReleaseTrigger.ClearRoute;
    private const ReleaseTrigger Switch = ReleaseTrigger.Switch;

    /// <summary>Every state against every trigger: allowed or not, and the state that follows.</summary>
    public static TheoryData<ReleaseState, ReleaseTrigger, bool, ReleaseState> Table => new()
    {
        { Canary, SetWeight, true, Canary },
        { Canary, Full, true, Completing },
        { Canary, Pause, true, Paused },
        { Canary, Resume, false, Canary },
        { Canary, Rollback, true, RollingBack },
        { Canary, StepApplied, true, Canary },
        { Canary, StepFailed, true, Failed },
        { Canary, SetRoute, true, Canary },
        { Canary, ClearRoute, true, Canary },
        { Canary, Switch, true, Canary },

        { Paused, SetWeight, false, Paused },
        { Paused, Full, false, Paused },
        { Paused, Pause, false, Paused },
        { Paused, Resume, true, Canary },
        { Paused, Rollback, true, RollingBack },
        { Paused, StepApplied, true, Paused },
        { Paused, StepFailed, true, Failed },
        { Paused, SetRoute, false, Paused },
        { Paused, ClearRoute, true, Paused },
        { Paused, Switch, false, Paused },

        { Completing, SetWeight, false, Completing },
        { Completing, Full, false, Completing },
        { Completing, Pause, false, Completing },
        { Completing, Resume, false, Completing },
        { Completing, Rollback, false, Completing },
        { Completing, StepApplied, true, Completing },
        { Completing, StepFailed, true, Failed },
        { Completing, SetRoute, false, Completing },
        { Completing, ClearRoute, false, Completing },
        { Completing, Switch, false, Completing },

        { RollingBack, SetWeight, false, RollingBack },
        { RollingBack, Full, false, RollingBack },
        { RollingBack, Pause, false, RollingBack },
        { RollingBack, Resume, false, RollingBack },
        { RollingBack, Rollback, false, RollingBack },
        { RollingBack, StepApplied, true, RollingBack },
        { RollingBack, StepFailed, true, Failed },
        { RollingBack, SetRoute, false, RollingBack },
        { RollingBack, ClearRoute, false, RollingBack },
        { RollingBack, Switch, false, RollingBack },

        { Completed, SetWeight, false, Completed },
        { Completed, Full, false, Completed },
        { Completed, Pause, false, Completed },
        { Completed, Resume, false, Completed },
        { Completed, Rollback, false, Completed },
        { Completed, StepApplied, true, Completed },
        { Completed, StepFailed, true, Completed },
        { Completed, SetRoute, false, Completed },
        { Completed, ClearRoute, false, Completed },
        { Completed, Switch, false, Completed },

        { RolledBack, SetWeight, false, RolledBack },
        { RolledBack, Full, false, RolledBack },
        { RolledBack, Pause, false, RolledBack },
        { RolledBack, Resume, false, RolledBack },
        { RolledBack, Rollback, false, RolledBack },
        { RolledBack, StepApplied, true, RolledBack },
        { RolledBack, StepFailed, true, RolledBack },
        { RolledBack, SetRoute, false, RolledBack },
        { RolledBack, ClearRoute, false, RolledBack },
        { RolledBack, Switch, false, RolledBack },

        { Failed, SetWeight, false, Failed },
        { Failed, Full, false, Failed },
        { Failed, Pause, false, Failed },
        { Failed, Resume, false, Failed },
        { Failed, Rollback, true, RollingBack },
        { Failed, StepApplied, true, Failed },
        { Failed, StepFailed, true, Failed },
        { Failed, SetRoute, false, Failed },
        { Failed, ClearRoute, false, Failed },
        { Failed, Switch, false, Failed },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decide_EveryStateAndTrigger_FollowsTheTable(ReleaseState state, ReleaseTrigger trigger, bool allowed, ReleaseState next)
    {
        var release = TestReleases.In(state);

        var transition = ReleaseRules.Decide(release, trigger);

        Assert.Equal(allowed, transition.Allowed);
        Assert.Equal(next, transition.Next);
        if (allowed)
        {
            Assert.Null(transition.Refusal);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(transition.Refusal));
            Assert.Contains("checkout's release v2.0.0", transition.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Table_CoversEveryStateAndTriggerOnce()
    {
        var pairs = Table.Select(row => ((ReleaseState)row[0], (ReleaseTrigger)row[1])).ToList();

        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.Equal(Enum.GetValues<ReleaseState>().Length * Enum.GetValues<ReleaseTrigger>().Length, pairs.Count);
    }

    [Theory]
    [InlineData(Paused, SetWeight, "`resume checkout`")]
    [InlineData(Paused, Full, "`resume checkout`")]
    [InlineData(Paused, SetWeight, "`rollback checkout`")]
    [InlineData(Paused, Pause, "already paused")]
    [InlineData(Canary, Resume, "not paused")]
    [InlineData(Failed, SetWeight, "`rollback checkout`")]
    [InlineData(Failed, Full, "`rollback checkout`")]
    [InlineData(Failed, Pause, "`rollback checkout`")]
    [InlineData(Failed, Resume, "`rollback checkout`")]
    [InlineData(Completed, SetWeight, "`deploy checkout <version>`")]
    [InlineData(Completed, Rollback, "`deploy checkout <version>`")]
    [InlineData(Completed, Full, "already the stable version")]
    [InlineData(RolledBack, SetWeight, "`deploy checkout <version>`")]
    [InlineData(RolledBack, Rollback, "v1.0.0 serves everyone")]
    [InlineData(Completing, Rollback, "`status checkout`")]
    [InlineData(Completing, SetWeight, "being promoted to everyone")]
    [InlineData(RollingBack, Rollback, "`status checkout`")]
    [InlineData(RollingBack, Full, "being rolled back")]
    [InlineData(Paused, SetRoute, "`resume checkout`")]
    [InlineData(Paused, SetRoute, "`route checkout clear` still works")]
    [InlineData(Failed, SetRoute, "`rollback checkout`")]
    [InlineData(Failed, ClearRoute, "`rollback checkout`")]
    [InlineData(Completed, ClearRoute, "`deploy checkout <version>`")]
    [InlineData(RollingBack, SetRoute, "being rolled back")]
    [InlineData(Completing, ClearRoute, "being promoted to everyone")]
    public void Decide_Refusal_MentionsTheUsefulNextCommand(ReleaseState state, ReleaseTrigger trigger, string expected)
    {
        var transition = ReleaseRules.Decide(TestReleases.In(state), trigger);

        Assert.False(transition.Allowed);
        Assert.Contains(expected, transition.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WhenFailed_SaysWhatFailed()
    {
        var release = TestReleases.Start();
        release.MarkFailed(release.Steps[0].Id, "image pull failed", TestReleases.Now);

        var refusal = ReleaseRules.Decide(release, SetWeight).Refusal;

        Assert.Contains("image pull failed", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StepKind.Full, Canary, Completed)]
    [InlineData(StepKind.Full, Completing, Completed)]
    [InlineData(StepKind.Rollback, RollingBack, RolledBack)]
    [InlineData(StepKind.Rollback, Failed, RolledBack)]
    [InlineData(StepKind.Deploy, Canary, Canary)]
    [InlineData(StepKind.Deploy, Paused, Paused)]
    [InlineData(StepKind.SetWeight, Canary, Canary)]
    [InlineData(StepKind.SetWeight, Paused, Paused)]
    [InlineData(StepKind.SetWeight, RollingBack, RollingBack)]
    [InlineData(StepKind.SetRoute, Canary, Canary)]
    [InlineData(StepKind.SetRoute, Paused, Paused)]
    public void AfterStep_GivesTheStateTheStepLeads(StepKind kind, ReleaseState before, ReleaseState after)
    {
        Assert.Equal(after, ReleaseRules.AfterStep(TestReleases.In(before), kind));
    }

    [Fact]
    public void CheckRoute_ExactlyTheRuleInForce_IsRefusedAsNothingToChange()
    {
        var release = TestReleases.In(Canary);
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" });

        var refusal = ReleaseRules.CheckRoute(release, new RouteRule { Kind = RouteRuleKind.Header, Name = "x-canary", Value = "testers" });

        Assert.Equal("checkout's canary already takes requests with header X-Canary: testers — nothing to change.", refusal);
    }

    [Fact]
    public void CheckRoute_SameTimedRule_SaysUntilWhen()
    {
        var release = TestReleases.In(Canary);
        var end = TestReleases.Now.AddHours(2);
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Cookie, Name = "canary", ExpiresAt = end });

        var refusal = ReleaseRules.CheckRoute(release, new RouteRule { Kind = RouteRuleKind.Cookie, Name = "canary", ExpiresAt = end });

        Assert.Equal("checkout's canary already takes requests with cookie canary=always until 2025-03-01 11:00:00Z — nothing to change.", refusal);
    }

    [Theory]
    [InlineData(RouteRuleKind.Header, "X-Canary", "qa", null)]
    [InlineData(RouteRuleKind.Header, "X-Canary", "Testers", null)]
    [InlineData(RouteRuleKind.Header, "X-Canary", "testers", 30)]
    [InlineData(RouteRuleKind.Header, "X-Other", "testers", null)]
    [InlineData(RouteRuleKind.Cookie, "X-Canary", null, null)]
    public void CheckRoute_ADifferentValueNameKindOrEnd_IsAChange(RouteRuleKind kind, string name, string? value, int? minutes)
    {
        var release = TestReleases.In(Canary);
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" });
        var rule = new RouteRule { Kind = kind, Name = name, Value = value, ExpiresAt = minutes is { } m ? TestReleases.Now.AddMinutes(m) : null };

        Assert.Null(ReleaseRules.CheckRoute(release, rule));
    }

    [Fact]
    public void CheckRoute_CookieNamesAreExact()
    {
        var release = TestReleases.In(Canary);
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Cookie, Name = "canary" });

        Assert.Null(ReleaseRules.CheckRoute(release, new RouteRule { Kind = RouteRuleKind.Cookie, Name = "Canary" }));
    }

    [Fact]
    public void CheckRoute_ClearWithoutRules_IsRefusedAsNothingToClear()
    {
        Assert.Equal("checkout's canary has no user rules — nothing to clear.", ReleaseRules.CheckRoute(TestReleases.In(Canary), null));
    }

    [Fact]
    public void CheckRoute_ClearWithRules_IsAllowed()
    {
        var release = TestReleases.In(Paused);
        release.Rules.Add(new RouteRule { Kind = RouteRuleKind.Cookie, Name = "canary" });

        Assert.Null(ReleaseRules.CheckRoute(release, null));
    }

    [Fact]
    public void CheckWeight_SameWeight_IsRefusedAsNothingToChange()
    {
        var refusal = ReleaseRules.CheckWeight(TestReleases.In(Canary, 20), 20, force: true);

        Assert.Contains("already at 20%", refusal, StringComparison.Ordinal);
        Assert.Contains("nothing to change", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckWeight_LowerWithoutForce_IsRefusedMentioningForceAndRollback()
    {
        var refusal = ReleaseRules.CheckWeight(TestReleases.In(Canary, 20), 10, force: false);

        Assert.NotNull(refusal);
        Assert.Contains("at 20%", refusal, StringComparison.Ordinal);
        Assert.Contains("to 10%", refusal, StringComparison.Ordinal);
        Assert.Contains("`--force`", refusal, StringComparison.Ordinal);
        Assert.Contains("`rollback checkout`", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 10, true)]
    [InlineData(20, 0, true)]
    [InlineData(20, 50, false)]
    [InlineData(0, 100, false)]
    [InlineData(20, 21, true)]
    public void CheckWeight_LowerWithForceOrHigher_IsAllowed(int current, int weight, bool force)
    {
        Assert.Null(ReleaseRules.CheckWeight(TestReleases.In(Canary, current), weight, force));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(4, 5)]
    [InlineData(5, 25)]
    [InlineData(30, 50)]
    [InlineData(50, 75)]
    [InlineData(74, 75)]
    public void NextWeight_GivesTheNextStepOfTheLadder(int current, int expected)
    {
        var (weight, refusal) = ReleaseRules.NextWeight(TestReleases.In(Canary, current), [5, 25, 50, 75]);

        Assert.Equal(expected, weight);
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData(75)]
    [InlineData(90)]
    [InlineData(100)]
    public void NextWeight_AtTheTop_IsRefusedMentioningFull(int current)
    {
        var (weight, refusal) = ReleaseRules.NextWeight(TestReleases.In(Canary, current), [5, 25, 50, 75]);

        Assert.Null(weight);
        Assert.Contains($"at {current}%", refusal, StringComparison.Ordinal);
        Assert.Contains("5% → 25% → 50% → 75%", refusal, StringComparison.Ordinal);
        Assert.Contains("`promote checkout full`", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Canary, "running as a canary")]
    [InlineData(Paused, "paused")]
    [InlineData(Completing, "being promoted to everyone")]
    [InlineData(RollingBack, "being rolled back")]
    [InlineData(Completed, "complete")]
    [InlineData(RolledBack, "rolled back")]
    [InlineData(Failed, "failed")]
    public void Describe_NamesEveryState(ReleaseState state, string expected)
    {
        Assert.Equal(expected, ReleaseRules.Describe(state));
    }
}
