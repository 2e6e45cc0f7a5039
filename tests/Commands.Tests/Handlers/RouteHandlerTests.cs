using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class RouteHandlerTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Route_Header_IsAcceptedRecordedAndQueued()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("route checkout header X-Canary=testers");

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Equal("Accepted: requests with header X-Canary: testers will reach the canary of checkout (v2.4.0) until `route checkout clear`. "
            + "I'll post here when the router has it.", reply.Text);
        var stored = _h.Store.Get(release.Id);
        var rule = Assert.Single(stored.Rules);
        Assert.Equal((RouteRuleKind.Header, "X-Canary", "testers", (DateTimeOffset?)null), (rule.Kind, rule.Name, rule.Value, rule.ExpiresAt));
        Assert.Equal(_h.Time.GetUtcNow(), rule.SetAt);
        var step = stored.Steps[^1];
        Assert.Equal((StepKind.SetRoute, 0, StepStatus.Pending, "alice (slack:U1)"), (step.Kind, step.Weight, step.Status, step.RequestedBy));
        Assert.Equal([release.Id, release.Id], _h.Jobs.Enqueued);
        Assert.Empty(_h.Jobs.Scheduled);
        Assert.Contains(_h.Chat.Cards[^1].Fields, f => f is { Label: "Users", Value: "header X-Canary: testers" });
        Assert.Equal((AuditOutcome.Accepted, release.Id), (_h.Audit.Entries[^1].Outcome, _h.Audit.Entries[^1].ReleaseId));
    }

    [Fact]
    public async Task Route_ForADuration_SaysUntilWhenAndSchedulesTheExpiryAfterTheCardAndTheJob()
    {
        var release = await _h.DeployCheckoutAsync();
        var cardsBefore = _h.Chat.Cards.Count;
        (int Cards, int Scheduled)? atEnqueue = null;
        _h.Jobs.OnEnqueue = _ => atEnqueue = (_h.Chat.Cards.Count, _h.Jobs.Scheduled.Count);

        var reply = await _h.SayAsync("route checkout header X-Canary=testers for 2h");

        var now = _h.Time.GetUtcNow();
        Assert.Equal("Accepted: requests with header X-Canary: testers will reach the canary of checkout (v2.4.0) for 2 h (until 11:02Z). "
            + "I'll post here when the router has it.", reply.Text);
        Assert.Equal((release.Id, now.AddHours(2)), Assert.Single(_h.Jobs.Scheduled));
        Assert.Equal(now.AddHours(2), _h.Store.Get(release.Id).Rules[0].ExpiresAt);
        Assert.Equal((cardsBefore + 1, 0), atEnqueue);
    }

    [Fact]
    public async Task Route_Cookie_IsAcceptedForTheCanaryOfTheConversation()
    {
        var release = await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("route canary cookie canary for 90 minutes");

        Assert.Equal("Accepted: requests with cookie canary=always will reach the canary of checkout (v2.4.0) for 1 h 30 min (until 10:32Z). "
            + "I'll post here when the router has it.", reply.Text);
        Assert.Equal((release.Id, _h.Time.GetUtcNow().AddMinutes(90)), Assert.Single(_h.Jobs.Scheduled));
    }

    [Fact]
    public async Task Route_EndingAnotherDay_SaysTheDate()
    {
        await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("route checkout cookie canary for 1d");

        Assert.Contains("for 1 d (until 2025-03-02 09:02Z)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_ReplacingARule_SaysWhatItReplaces()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout header X-Canary=testers for 1h");

        var reply = await _h.SayAsync("route checkout header x-canary=qa");

        Assert.EndsWith("(v2.4.0) until `route checkout clear`. This replaces header X-Canary: testers (59 min left). I'll post here when the router has it.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("header x-canary: qa", Assert.Single(_h.Store.Get(release.Id).Rules).Describe());
    }

    [Fact]
    public async Task Route_AtAWeight_KeepsTheWeightInTheStep()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");

        await _h.AcceptedAsync("route checkout cookie canary");

        var step = _h.Store.Get(release.Id).Steps[^1];
        Assert.Equal((StepKind.SetRoute, 25), (step.Kind, step.Weight));
        await _h.RunAsync(release.Id);
        var (_, target, mode) = _h.Router.Targets[^1];
        Assert.Equal((TrafficPhase.Canary, 25, ChangeMode.Apply), (target.Phase, target.Weight, mode));
        Assert.Equal("cookie canary=always", Assert.Single(target.Rules).Describe());
    }

    [Fact]
    public async Task Route_DryRun_ShowsTheChangesAndRecordsNothing()
    {
        var release = await _h.DeployCheckoutAsync();
        var (steps, enqueued) = (_h.Store.Get(release.Id).Steps.Count, _h.Jobs.Enqueued.Count);

        var reply = await _h.SayAsync("route checkout header X-Canary=testers for 2h --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.StartsWith("Dry run of `route checkout header X-Canary=testers` — nothing was changed.", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nRequests with header X-Canary: testers would reach the canary, besides 0% of everyone.", reply.Text, StringComparison.Ordinal);
        var (id, target, mode) = _h.Router.Targets[^1];
        Assert.Equal((release.Id, ChangeMode.DryRun, 0), (id, mode, target.Weight));
        Assert.Equal("header X-Canary: testers", Assert.Single(target.Rules).Describe());
        var stored = _h.Store.Get(release.Id);
        Assert.Empty(stored.Rules);
        Assert.Equal((steps, enqueued), (stored.Steps.Count, _h.Jobs.Enqueued.Count));
        Assert.Empty(_h.Jobs.Scheduled);
        Assert.Equal(AuditOutcome.Answered, _h.Audit.Entries[^1].Outcome);
    }

    [Fact]
    public async Task Route_ClearDryRun_SaysOnlyTheWeightWouldDecide()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout cookie canary");

        var reply = await _h.SayAsync("route checkout clear --dry-run");

        Assert.StartsWith("Dry run of `route checkout clear`", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nOnly the weight (0%) would decide who reaches the canary.", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Router.Targets[^1].Target.Rules);
    }

    [Fact]
    public async Task Route_RouterThatCannotExpressRules_IsRefusedWithItsReason()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Router.SupportsRules = false;
        var steps = _h.Store.Get(release.Id).Steps.Count;

        var reply = await _h.SayAsync("route checkout header X-Canary=testers for 2h");

        Assert.Equal((ReplyKind.Refused, "This router cannot route by header or cookie."), (reply.Kind, reply.Text));
        var stored = _h.Store.Get(release.Id);
        Assert.Empty(stored.Rules);
        Assert.Equal(steps, stored.Steps.Count);
        Assert.Empty(_h.Jobs.Scheduled);
        Assert.Equal((AuditOutcome.Refused, release.Id), (_h.Audit.Entries[^1].Outcome, _h.Audit.Entries[^1].ReleaseId));
    }

    [Fact]
    public async Task Route_WhilePaused_IsRefused_ButClearIsAllowed()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout header X-Canary=testers");
        await _h.AcceptedAsync("pause checkout");

        var refused = await _h.SayAsync("route checkout cookie canary");
        var cleared = await _h.SayAsync("route checkout clear");

        Assert.Equal(ReplyKind.Refused, refused.Kind);
        Assert.Contains("is paused", refused.Text, StringComparison.Ordinal);
        Assert.Contains("`resume checkout`", refused.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Accepted, cleared.Kind);
        Assert.Equal("Accepted: clearing the user rules of checkout (v2.4.0): header X-Canary: testers. "
            + "Then only the weight decides who reaches the canary (0%). I'll post here when the router has it.", cleared.Text);
        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.Paused, stored.State);
        Assert.Empty(stored.Rules);
        Assert.Equal((StepKind.SetRoute, 0), (stored.Steps[^1].Kind, stored.Steps[^1].Rules.Count));
    }

    [Theory]
    [InlineData("route checkout header X-Canary=testers")]
    [InlineData("route checkout header x-canary=testers")]
    public async Task Route_ExactlyTheRuleInForce_IsRefusedAsNoChange(string again)
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout header X-Canary=testers");
        var steps = _h.Store.Get(release.Id).Steps.Count;

        var reply = await _h.SayAsync(again);

        Assert.Equal((ReplyKind.Refused, "checkout's canary already takes requests with header X-Canary: testers — nothing to change."), (reply.Kind, reply.Text));
        Assert.Equal(steps, _h.Store.Get(release.Id).Steps.Count);
    }

    [Fact]
    public async Task Route_ClearWithoutRules_IsRefusedAsNothingToClear()
    {
        await _h.DeployCheckoutAsync();

        var reply = await _h.SayAsync("route checkout clear");

        Assert.Equal((ReplyKind.Refused, "checkout's canary has no user rules — nothing to clear."), (reply.Kind, reply.Text));
    }

    [Fact]
    public async Task Route_WithoutARelease_IsRefused()
    {
        var reply = await _h.SayAsync("route checkout cookie canary");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("checkout has no release yet", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_AfterTheReleaseFinished_IsRefused()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        var reply = await _h.SayAsync("route checkout clear");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("was rolled back", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_WhenTheReleaseChangesBeforeItIsRecorded_IsRecheckedAgainstTheStoredRelease()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Store.BeforeNextUpdate = () => _h.Store.Update(release.Id, r => r.State = ReleaseState.Paused);

        var reply = await _h.SayAsync("route checkout cookie canary for 1h");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`resume checkout`", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Get(release.Id).Rules);
        Assert.Empty(_h.Jobs.Scheduled);
    }

    [Fact]
    public async Task Route_WhenARetriedUpdateRunsTwice_RecordsOneStep()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Store.RetryEveryUpdateOnce = true;

        await _h.AcceptedAsync("route checkout cookie canary");

        Assert.Single(_h.Store.Get(release.Id).Steps, s => s.Kind == StepKind.SetRoute);
    }

    [Fact]
    public async Task Route_WhenTheExpiryCannotBeScheduled_SaysHowToEndTheRule()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Jobs.ScheduleFailure = new InvalidOperationException("storage is down");

        var reply = await _h.SayAsync("route checkout cookie canary for 1h");

        Assert.Equal(ReplyKind.Failure, reply.Kind);
        Assert.Contains("the job queue did not take the rule's end at 2025-03-01 10:02:00Z", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`route checkout clear`", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("storage is down", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Store.Get(release.Id).Rules);
        Assert.Equal(release.Id, _h.Jobs.Enqueued[^1]);
    }

    [Fact]
    public async Task Route_WhenTheStepCannotBeQueued_StillSchedulesTheExpiry()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Jobs.Failure = new InvalidOperationException("storage is down");

        var reply = await _h.SayAsync("route checkout cookie canary for 1h");

        Assert.Equal(ReplyKind.Failure, reply.Kind);
        Assert.Contains("the job queue did not take it", reply.Text, StringComparison.Ordinal);
        Assert.Equal(release.Id, Assert.Single(_h.Jobs.Scheduled).ReleaseId);
    }
}
