using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class ReleaseRoutesTests
{
    private static readonly DateTimeOffset Later = TestReleases.Now.AddMinutes(5);
    private static readonly ConversationRef OtherThread = new("slack", "C-releases", "T-2");

    private static RouteRule Header(string name, string value, DateTimeOffset? expiresAt = null) =>
        new() { Kind = RouteRuleKind.Header, Name = name, Value = value, ExpiresAt = expiresAt, SetAt = TestReleases.Now };

    private static RouteRule Cookie(string name, DateTimeOffset? expiresAt = null) =>
        new() { Kind = RouteRuleKind.Cookie, Name = name, ExpiresAt = expiresAt, SetAt = TestReleases.Now };

    private static string Rules(IEnumerable<RouteRule> rules) => string.Join("; ", rules.Select(r => r.Describe()));

    [Fact]
    public void Accept_SetRoute_RecordsTheRuleAndAddsAStepAtTheRequestedWeight()
    {
        var release = TestReleases.In(ReleaseState.Canary, requestedWeight: 5);
        var revision = release.Revision;

        var step = release.Accept(ReleaseTrigger.SetRoute, null, "bob (slack:U2)", OtherThread, Later, Header("X-Canary", "testers"));

        Assert.NotNull(step);
        Assert.Equal((StepKind.SetRoute, 5, StepStatus.Pending, $"{release.Id}-2"), (step.Kind, step.Weight, step.Status, step.Id));
        Assert.Equal(("bob (slack:U2)", OtherThread, Later), (step.RequestedBy, step.Conversation, step.RequestedAt));
        Assert.Equal("header X-Canary: testers", Rules(release.Rules));
        Assert.Equal("header X-Canary: testers", Rules(step.Rules));
        Assert.Equal((TrafficPhase.Canary, 5), (step.Target.Phase, step.Target.Weight));
        Assert.Equal("header X-Canary: testers", Rules(step.Target.Rules));
        Assert.Equal((ReleaseState.Canary, 5, revision + 1, Later), (release.State, release.RequestedWeight, release.Revision, release.UpdatedAt));
    }

    [Fact]
    public void Accept_SetRoute_StepKeepsItsOwnCopyOfTheRules()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        var step = release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-Canary", "testers"))!;

        release.Rules[0].Value = "changed";

        Assert.Equal("testers", step.Rules[0].Value);
    }

    [Fact]
    public void Accept_HeaderRule_ReplacesTheRuleForTheSameHeaderIgnoringCase()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-Canary", "testers"));
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Cookie("canary"));

        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("x-canary", "qa"));

        Assert.Equal("header x-canary: qa; cookie canary=always", Rules(release.Rules));
    }

    [Fact]
    public void Accept_CookieRule_ReplacesOnlyTheSameCookie_AndOtherHeadersJoin()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Cookie("canary"));
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-A", "1"));

        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Cookie("canary", Later.AddHours(1)));
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-B", "2"));
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Cookie("Canary"));

        Assert.Equal("cookie canary=always; header X-A: 1; header X-B: 2; cookie Canary=always", Rules(release.Rules));
        Assert.Equal(Later.AddHours(1), release.Rules[0].ExpiresAt);
    }

    [Fact]
    public void Accept_SameRuleAgain_ThrowsAndChangesNothing()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-Canary", "testers"));
        var (steps, revision) = (release.Steps.Count, release.Revision);

        var error = Assert.Throws<InvalidOperationException>(() =>
            release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-CANARY", "testers")));

        Assert.Contains("nothing to change", error.Message, StringComparison.Ordinal);
        Assert.Equal((steps, revision), (release.Steps.Count, release.Revision));
    }

    [Fact]
    public void Accept_SetRouteWithoutARule_Throws()
    {
        var release = TestReleases.In(ReleaseState.Canary);

        Assert.Throws<ArgumentNullException>(() => release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later));
    }

    [Fact]
    public void Accept_SetRouteWhilePaused_IsRefused()
    {
        var release = TestReleases.In(ReleaseState.Paused);

        var error = Assert.Throws<InvalidOperationException>(() =>
            release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Cookie("canary")));

        Assert.Contains("`resume checkout`", error.Message, StringComparison.Ordinal);
        Assert.Empty(release.Rules);
    }

    [Theory]
    [InlineData(ReleaseState.Canary)]
    [InlineData(ReleaseState.Paused)]
    public void Accept_ClearRoute_RemovesEveryRuleWithAStep_EvenWhenPaused(ReleaseState state)
    {
        var release = TestReleases.In(state, requestedWeight: 20);
        release.Rules.AddRange([Header("X-Canary", "testers"), Cookie("canary")]);

        var step = release.Accept(ReleaseTrigger.ClearRoute, null, "alice", TestReleases.Conversation, Later);

        Assert.Empty(release.Rules);
        Assert.Equal((StepKind.SetRoute, 20), (step!.Kind, step.Weight));
        Assert.Empty(step.Rules);
        Assert.Equal("clear the user rules", step.Describe());
        Assert.Equal(state, release.State);
    }

    [Fact]
    public void Accept_ClearRouteWithoutRules_ThrowsAsNothingToClear()
    {
        var release = TestReleases.In(ReleaseState.Canary);

        var error = Assert.Throws<InvalidOperationException>(() =>
            release.Accept(ReleaseTrigger.ClearRoute, null, "alice", TestReleases.Conversation, Later));

        Assert.Contains("nothing to clear", error.Message, StringComparison.Ordinal);
        Assert.Single(release.Steps);
    }

    [Fact]
    public void Accept_SetWeightAfterARule_CarriesTheRules()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Header("X-Canary", "testers"));

        var step = release.Accept(ReleaseTrigger.SetWeight, 20, "alice", TestReleases.Conversation, Later)!;

        Assert.Equal("header X-Canary: testers", Rules(step.Target.Rules));
        Assert.Equal(20, step.Target.Weight);
    }

    [Fact]
    public void Accept_Pause_HoldsAQueuedRuleChangeAtThePausedWeight()
    {
        var release = TestReleases.Start();
        release.MarkApplied(release.Steps[0].Id, 0, "deployed", TestReleases.Now);
        release.Accept(ReleaseTrigger.SetWeight, 50, "alice", TestReleases.Conversation, Later);
        var route = release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, Later, Cookie("canary"))!;
        Assert.Equal(50, route.Weight);

        release.Accept(ReleaseTrigger.Pause, null, "bob", TestReleases.Conversation, Later);

        Assert.Equal(StepStatus.Cancelled, release.Steps[1].Status);
        Assert.Equal((StepStatus.Pending, 0), (release.Steps[2].Status, release.Steps[2].Weight));
        Assert.Equal(0, release.RequestedWeight);
    }

    [Theory]
    [InlineData(ReleaseTrigger.Full)]
    [InlineData(ReleaseTrigger.Rollback)]
    public void MarkApplied_CanaryRemoved_EndsEveryRule(ReleaseTrigger trigger)
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Rules.Add(Header("X-Canary", "testers"));
        var step = release.Accept(trigger, null, "alice", TestReleases.Conversation, Later)!;
        Assert.Single(release.Rules);

        release.MarkApplied(step.Id, 0, "done", Later);

        Assert.Empty(release.Rules);
    }

    [Fact]
    public void ExpireRules_BeforeTheirTime_DropsNothing()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Rules.AddRange([Header("X-Canary", "testers", Later), Cookie("canary")]);
        var revision = release.Revision;

        var expired = release.ExpireRules(Later.AddSeconds(-1));

        Assert.Empty(expired);
        Assert.Equal(2, release.Rules.Count);
        Assert.Single(release.Steps);
        Assert.Equal(revision, release.Revision);
    }

    [Fact]
    public void ExpireRules_AtOrAfterTheirTime_DropsOnlyThoseAndAddsAStepByTheBot()
    {
        var release = TestReleases.In(ReleaseState.Canary, requestedWeight: 5);
        release.Rules.AddRange([Header("X-A", "1", Later), Cookie("canary"), Header("X-B", "2", Later.AddHours(1)), Cookie("c", Later.AddMinutes(-1))]);
        var revision = release.Revision;

        var expired = release.ExpireRules(Later);

        Assert.Equal("header X-A: 1; cookie c=always", Rules(expired));
        Assert.Equal("cookie canary=always; header X-B: 2", Rules(release.Rules));
        var step = release.Steps[^1];
        Assert.Equal((StepKind.SetRoute, 5, StepStatus.Pending), (step.Kind, step.Weight, step.Status));
        Assert.Equal((Release.ExpiryActor, TestReleases.Conversation, Later), (step.RequestedBy, step.Conversation, step.RequestedAt));
        Assert.Equal("bot (expiry)", step.RequestedBy);
        Assert.Equal("cookie canary=always; header X-B: 2", Rules(step.Rules));
        Assert.Equal((revision + 1, Later), (release.Revision, release.UpdatedAt));
    }

    [Fact]
    public void ExpireRules_WhilePaused_StillTakesUsersAway()
    {
        var release = TestReleases.In(ReleaseState.Paused);
        release.Rules.Add(Cookie("canary", Later));

        Assert.Single(release.ExpireRules(Later));
        Assert.Empty(release.Rules);
        Assert.Equal(ReleaseState.Paused, release.State);
    }

    [Theory]
    [InlineData(ReleaseState.Completed)]
    [InlineData(ReleaseState.RolledBack)]
    [InlineData(ReleaseState.Completing)]
    [InlineData(ReleaseState.RollingBack)]
    [InlineData(ReleaseState.Failed)]
    public void ExpireRules_ReleaseThatMayNoLongerChangeItsRules_ExpiresNothing(ReleaseState state)
    {
        var release = TestReleases.In(state);
        release.Rules.Add(Cookie("canary", Later));

        Assert.Empty(release.ExpireRules(Later.AddDays(1)));
        Assert.Single(release.Rules);
        Assert.Single(release.Steps);
    }

    [Fact]
    public void ExpireRules_RuleReplacedByALongerOne_StaysUntilTheNewEnd()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, TestReleases.Now, Header("X-Canary", "testers", Later));
        release.Accept(ReleaseTrigger.SetRoute, null, "alice", TestReleases.Conversation, TestReleases.Now, Header("X-Canary", "testers", Later.AddHours(1)));

        Assert.Empty(release.ExpireRules(Later));
        Assert.Single(release.ExpireRules(Later.AddHours(1)));
    }

    [Fact]
    public void RulesWith_ChangesNothingOnTheRelease()
    {
        var release = TestReleases.In(ReleaseState.Canary);
        release.Rules.Add(Header("X-Canary", "testers"));

        var rules = release.RulesWith(Header("X-Canary", "qa"));

        Assert.Equal("header X-Canary: qa", Rules(rules));
        Assert.Equal("header X-Canary: testers", Rules(release.Rules));
        Assert.Empty(release.RulesWith(null));
    }

    [Fact]
    public void StepDescribe_SetRoute_NamesTheRules()
    {
        var step = new ReleaseStep { Kind = StepKind.SetRoute, Weight = 0, Rules = [Header("X-Canary", "testers"), Cookie("canary")] };

        Assert.Equal("route header X-Canary: testers and cookie canary=always to the canary", step.Describe());
    }
}
