using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Consent;

public sealed class ScheduleTests
{
    private readonly HandlerHarness _h = new();

    /// <summary>Deploys checkout, schedules <paramref name="text"/>, and returns the schedule.</summary>
    private async Task<ScheduledPromotion> ScheduleAsync(string text, HandlerHarness? harness = null)
    {
        var h = harness ?? _h;
        await h.DeployCheckoutAsync();
        var reply = await h.SayAsync(text);
        Assert.True(reply.Kind == ReplyKind.Accepted, reply.Text);
        return Assert.Single(h.Checkout.Schedules);
    }

    private Task RingAsync(ScheduledPromotion schedule, PromotionTimer timer, HandlerHarness? harness = null) =>
        (harness ?? _h).Timers.RingAsync((harness ?? _h).Checkout.Id, schedule.Id, timer, default);

    /// <summary>alice and bob are approvers, and prod has the two-person rule.</summary>
    private static HandlerHarness TwoPersonHarness() => new(
        policy: new AccessPolicy([new AccessGrant(["slack:U1", "slack:U2"], Role.Approver, [], [])]),
        consent: new ConsentSettings { Environments = new Dictionary<string, ApprovalRules> { ["prod"] = new(true, 1, TimeSpan.FromHours(2)) } });

    private void AdvanceTo(DateTimeOffset at, HandlerHarness? harness = null) => (harness ?? _h).Time.Advance(at - (harness ?? _h).Time.GetUtcNow());

    [Fact]
    public async Task Schedule_ThenNotice_ThenPromotion()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");
        var at = schedule.At;
        Assert.Equal([(PromotionTimer.Notice, at - TimeSpan.FromMinutes(10)), (PromotionTimer.Promote, at)], _h.Jobs.Timers.Select(t => (t.Timer, t.At)));

        AdvanceTo(at - TimeSpan.FromMinutes(10));
        await RingAsync(schedule, PromotionTimer.Notice);
        var notice = Assert.Single(_h.Chat.Decisions);
        Assert.Equal(HandlerHarness.Releases, notice.Conversation);
        Assert.Equal([$"veto {schedule.Id}", $"postpone {schedule.Id} 30m", $"postpone {schedule.Id} 1h"], notice.Card.Actions.Select(a => a.Command));

        var queued = _h.Jobs.Enqueued.Count;
        AdvanceTo(at);
        await RingAsync(schedule, PromotionTimer.Promote);

        Assert.Equal(25, _h.Checkout.RequestedWeight);
        Assert.Equal(queued + 1, _h.Jobs.Enqueued.Count);
        Assert.Equal("alice (slack:U1)", _h.Checkout.Steps[^1].RequestedBy);
        Assert.Equal(ScheduleState.Done, _h.Checkout.Schedules[0].State);
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.StartsWith($"Scheduled promotion {schedule.Id} (`promote checkout 25%`, asked by alice): carried out.", StringComparison.Ordinal));
        Assert.Empty(_h.Chat.Redraws[^1].Card.Actions);
    }

    [Fact]
    public async Task ATimerRingingEarlyOrTwice_DoesNothingMore()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");

        AdvanceTo(schedule.At - TimeSpan.FromMinutes(1));
        await RingAsync(schedule, PromotionTimer.Promote);
        Assert.Equal(0, _h.Checkout.RequestedWeight);

        AdvanceTo(schedule.At);
        await RingAsync(schedule, PromotionTimer.Promote);
        var steps = _h.Checkout.Steps.Count;
        await RingAsync(schedule, PromotionTimer.Promote);
        Assert.Equal(steps, _h.Checkout.Steps.Count);
    }

    [Fact]
    public async Task Veto_StopsIt_AndTheTimerFindsNothingToDo()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");

        var reply = await _h.SayAsync($"veto {schedule.Id} not during the sale", who: HandlerHarness.Bob);
        AdvanceTo(schedule.At);
        await RingAsync(schedule, PromotionTimer.Promote);

        Assert.Contains($"Vetoed {schedule.Id}: `promote checkout 25%` will not happen (`not during the sale`)", reply.Text, StringComparison.Ordinal);
        Assert.Equal((ScheduleState.Vetoed, 0), (_h.Checkout.Schedules[0].State, _h.Checkout.RequestedWeight));
        Assert.Contains("vetoed by bob (slack:U2): `not during the sale`", _h.Checkout.Schedules[0].Outcome, StringComparison.Ordinal);
        Assert.Contains("is no longer pending", (await _h.SayAsync($"postpone {schedule.Id} 30m")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postpone_MovesIt_TheOldTimerDoesNothing_TheNewOnePromotes()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");
        var first = schedule.At;

        var reply = await _h.SayAsync($"postpone {schedule.Id} 30m", who: HandlerHarness.Bob);
        var moved = _h.Checkout.Schedules[0];

        Assert.Contains($"Postponed {schedule.Id} by 30 min", reply.Text, StringComparison.Ordinal);
        Assert.Equal(first + TimeSpan.FromMinutes(30), moved.At);
        Assert.Equal((PromotionTimer.Promote, moved.At), (_h.Jobs.Timers[^1].Timer, _h.Jobs.Timers[^1].At));
        AdvanceTo(first);
        await RingAsync(schedule, PromotionTimer.Promote);
        Assert.Equal(0, _h.Checkout.RequestedWeight);

        AdvanceTo(moved.At);
        await RingAsync(schedule, PromotionTimer.Promote);
        Assert.Equal(25, _h.Checkout.RequestedWeight);
    }

    [Fact]
    public async Task Cancel_TakesItOffTheList()
    {
        var schedule = await ScheduleAsync("schedule promote checkout next in 2h");
        Assert.Contains($"{schedule.Id}: `promote checkout next`", (await _h.SayAsync("schedule list")).Text, StringComparison.Ordinal);

        Assert.Contains($"Cancelled {schedule.Id}", (await _h.SayAsync($"schedule cancel {schedule.Id}")).Text, StringComparison.Ordinal);

        Assert.Equal("No promotions are scheduled.", (await _h.SayAsync("schedule list")).Text);
        Assert.Equal(ScheduleState.Cancelled, _h.Checkout.Schedules[0].State);
    }

    [Fact]
    public async Task AFreezeAtItsTime_StopsIt_AndSaysWhy()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");
        await _h.SayAsync("freeze checkout incident 4711");

        AdvanceTo(schedule.At);
        await RingAsync(schedule, PromotionTimer.Promote);

        Assert.Equal((ScheduleState.NotDone, 0), (_h.Checkout.Schedules[0].State, _h.Checkout.RequestedWeight));
        var told = _h.Chat.Posts[^1].Reply;
        Assert.Equal(ReplyKind.Failure, told.Kind);
        Assert.Contains("not carried out. checkout is frozen (chat freeze: `incident 4711`)", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailVerdict_StopsIt()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");
        await _h.Store.UpdateAsync(_h.Checkout.Id, r => r.LastVerdict = new VerdictRecord { Outcome = VerdictOutcome.Fail, Headline = "errors up" }, default);

        AdvanceTo(schedule.At);
        await RingAsync(schedule, PromotionTimer.Promote);

        Assert.Equal(ScheduleState.NotDone, _h.Checkout.Schedules[0].State);
        Assert.Contains("The latest verdict on checkout's canary is Fail (errors up)", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReleaseRolledBackMeanwhile_IsNotPromoted()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(_h.Checkout.Id);

        AdvanceTo(schedule.At);
        await RingAsync(schedule, PromotionTimer.Promote);

        Assert.Equal(ScheduleState.NotDone, _h.Checkout.Schedules[0].State);
        Assert.Contains("nothing to promote", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScheduleInAsiaShanghai_FiresAtThatInstant()
    {
        // The harness's clock reads 2025-03-01 09:01 UTC when this is said: 17:01 in Shanghai.
        var schedule = await ScheduleAsync("schedule promote checkout 25% at 18:00 Asia/Shanghai");

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), schedule.At);
        Assert.Equal("Asia/Shanghai", schedule.TimeZone);
        Assert.Equal((PromotionTimer.Promote, schedule.At), (_h.Jobs.Timers[^1].Timer, _h.Jobs.Timers[^1].At));
        AdvanceTo(schedule.At);
        await RingAsync(schedule, PromotionTimer.Promote);
        Assert.Equal(25, _h.Checkout.RequestedWeight);
    }

    [Fact]
    public async Task AStepNeedingApproval_IsAskedForAtOnce_AndWithoutItTheTimeComesToNothing()
    {
        var h = TwoPersonHarness();
        var schedule = await ScheduleAsync("schedule promote checkout full in 3h", h);
        var approval = Assert.Single(h.Checkout.Approvals);
        Assert.Equal(schedule.At, approval.ExpiresAt); // it waits until the scheduled time

        AdvanceTo(schedule.At, h);
        await RingAsync(schedule, PromotionTimer.Promote, h);

        Assert.Equal(ScheduleState.NotDone, h.Checkout.Schedules[0].State);
        Assert.Contains($"step full (everyone) needs approval and has none (request {approval.Id} is waiting)", h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Checkout.Steps, s => s.Kind == StepKind.Full);
    }

    [Fact]
    public async Task AStepApprovedBeforeItsTime_IsPromoted()
    {
        var h = TwoPersonHarness();
        var schedule = await ScheduleAsync("schedule promote checkout full in 3h", h);
        await h.SayAsync($"approve {h.Checkout.Approvals[0].Id}", who: HandlerHarness.Bob);

        AdvanceTo(schedule.At, h);
        await RingAsync(schedule, PromotionTimer.Promote, h);

        Assert.Equal(ScheduleState.Done, h.Checkout.Schedules[0].State);
        Assert.Equal(StepKind.Full, h.Checkout.Steps[^1].Kind);
    }

    [Fact]
    public async Task SchedulingIntoAKnownFreeze_SaysSo()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout for 3h release train");

        var reply = await _h.SayAsync("schedule promote checkout 25% in 1h");

        Assert.Contains("Note: checkout is frozen (chat freeze: `release train`)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ShowsPendingSchedulesApprovalsAndFreezes()
    {
        var schedule = await ScheduleAsync("schedule promote checkout 25% in 1h");
        await _h.SayAsync("request approval checkout");
        await _h.SayAsync("freeze checkout for 2h maintenance");

        var status = (await _h.SayAsync("status checkout")).Text;

        Assert.Contains($"scheduled: {schedule.Id} `promote checkout 25%` at", status, StringComparison.Ordinal);
        Assert.Contains($"waiting for approval: {_h.Checkout.Approvals[0].Id} for step compat (5% of traffic), asked by alice, 0 of 1", status, StringComparison.Ordinal);
        Assert.Contains("checkout is frozen (chat freeze: `maintenance`)", status, StringComparison.Ordinal);
    }
}
