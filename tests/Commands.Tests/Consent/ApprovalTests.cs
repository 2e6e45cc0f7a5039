using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Consent;

public sealed class ApprovalTests
{
    private static readonly Actor Carol = new("slack", "U3", "carol");
    private static readonly Actor Dave = new("slack", "U4", "dave");

    private static AccessPolicy Policy => new(
    [
        new AccessGrant(["slack:U1", "slack:U2", "slack:U3"], Role.Approver, [], []),
        new AccessGrant(["slack:U4"], Role.Deployer, [], []),
    ]);

    private static ConsentSettings Rules(int quorum = 1) => new()
    {
        Environments = new Dictionary<string, ApprovalRules> { ["prod"] = new(true, quorum, TimeSpan.FromHours(2)) },
    };

    private readonly HandlerHarness _h = new(policy: Policy, consent: Rules());

    private async Task<Approval> AskForFullAsync(HandlerHarness h)
    {
        await h.DeployCheckoutAsync();
        var reply = await h.SayAsync("promote checkout full");
        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Contains("needs approval first", reply.Text, StringComparison.Ordinal);
        return Assert.Single(h.Checkout.Approvals);
    }

    [Fact]
    public async Task Promoting_ToAStepThatNeedsApproval_PostsARequestInTheThread_AndChangesNothing()
    {
        var approval = await AskForFullAsync(_h);

        Assert.Equal((ApprovalState.Pending, "full (everyone)", "promote checkout full"), (approval.State, approval.StepText, approval.Command));
        var (where, messageId, card) = Assert.Single(_h.Chat.Decisions);
        Assert.Equal(HandlerHarness.Releases, where);
        Assert.Equal(messageId, approval.MessageId);
        Assert.Equal([$"approve {approval.Id}", $"reject {approval.Id}"], card.Actions.Select(a => a.Command));
        Assert.Contains(card.Fields, f => f.Label == "May approve" && f.Value.Contains("slack:U2", StringComparison.Ordinal) && f.Value.Contains("not alice (two-person rule)", StringComparison.Ordinal));
        Assert.Equal((_h.Checkout.Id, approval.Id, _h.Time.GetUtcNow() + TimeSpan.FromHours(2)), Assert.Single(_h.Jobs.ApprovalExpiries));
        Assert.Equal(ReleaseState.Canary, _h.Checkout.State);
        Assert.DoesNotContain(_h.Checkout.Steps, s => s.Kind == StepKind.Full);
    }

    [Fact]
    public async Task AskingAgain_WhileARequestWaits_DoesNotRaiseASecond()
    {
        await AskForFullAsync(_h);

        var reply = await _h.SayAsync("promote checkout full");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("is waiting for approval", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Checkout.Approvals);
    }

    [Fact]
    public async Task TwoPersonRule_TheRequesterMayNotApprove_SomeoneElseMay_AndThePromotionFollows()
    {
        var approval = await AskForFullAsync(_h);

        var own = await _h.SayAsync($"approve {approval.Id}");
        Assert.Equal(ReplyKind.Refused, own.Kind);
        Assert.Contains("someone else must approve it", own.Text, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Pending, _h.Checkout.Approvals[0].State);

        var bobs = await _h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);

        Assert.Contains("Approved: step full (everyone) of checkout", bobs.Text, StringComparison.Ordinal);
        Assert.Contains("Accepted: promoting checkout v2.4.0 to everyone", bobs.Text, StringComparison.Ordinal);
        var decided = _h.Checkout.Approvals[0];
        Assert.Equal((ApprovalState.Approved, "bob (slack:U2)", _h.Time.GetUtcNow()), (decided.State, decided.DecidedBy, decided.DecidedAt));
        Assert.Equal("alice (slack:U1)", _h.Checkout.Steps[^1].RequestedBy);
        Assert.Equal(StepKind.Full, _h.Checkout.Steps[^1].Kind);
        var redrawn = _h.Chat.Redraws[^1];
        Assert.Equal((approval.MessageId, 0), (redrawn.MessageId, redrawn.Card.Actions.Count));
        Assert.StartsWith("Approved by bob (slack:U2) at", redrawn.Card.Context, StringComparison.Ordinal);
        Assert.Contains(_h.Audit.Entries, e => e.Command == $"approve {approval.Id}" && e.Actor.Contains("U2", StringComparison.Ordinal) && e.Outcome == AuditOutcome.Accepted);
    }

    [Fact]
    public async Task Quorum_NeedsThatManyDifferentPeople()
    {
        var h = new HandlerHarness(policy: Policy, consent: Rules(quorum: 2));
        var approval = await AskForFullAsync(h);

        var first = await h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);
        Assert.Contains("1 of 2; it needs 1 more", first.Text, StringComparison.Ordinal);
        Assert.Contains("already", (await h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob)).Text, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Pending, h.Checkout.Approvals[0].State);

        var second = await h.SayAsync($"approve {approval.Id}", who: Carol);

        Assert.Contains("by bob (slack:U2) and carol (slack:U3)", second.Text, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Approved, h.Checkout.Approvals[0].State);
        Assert.Equal(StepKind.Full, h.Checkout.Steps[^1].Kind);
    }

    [Fact]
    public async Task ARequestNobodyDecides_Expires_AndItsButtonsStopWorking()
    {
        var approval = await AskForFullAsync(_h);
        _h.Time.Advance(TimeSpan.FromHours(2));

        await _h.ApprovalExpiry.ExpireAsync(_h.Checkout.Id, approval.Id, default);

        Assert.Equal(ApprovalState.Expired, _h.Checkout.Approvals[0].State);
        Assert.StartsWith("Expired at", _h.Chat.Redraws[^1].Card.Context, StringComparison.Ordinal);
        Assert.Empty(_h.Chat.Redraws[^1].Card.Actions);
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.Contains($"approval request {approval.Id} for step full (everyone) expired", StringComparison.Ordinal));
        var late = await _h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);
        Assert.Equal(ReplyKind.Refused, late.Kind);
        Assert.Contains("is closed — Expired", late.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Checkout.Steps, s => s.Kind == StepKind.Full);
    }

    [Fact]
    public async Task ARequestOfARolledBackRelease_IsClosedAsNoLongerNeeded_NotAsExpired()
    {
        var approval = await AskForFullAsync(_h);
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(_h.Checkout.Id);
        _h.Time.Advance(TimeSpan.FromHours(2));

        await _h.ApprovalExpiry.ExpireAsync(_h.Checkout.Id, approval.Id, default);

        Assert.Equal(ApprovalState.Withdrawn, _h.Checkout.Approvals[0].State);
        Assert.StartsWith("Withdrawn at", _h.Chat.Redraws[^1].Card.Context, StringComparison.Ordinal);
        Assert.Contains($"approval request {approval.Id} for step full (everyone) is no longer needed (rolled back)", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiryTimerBeforeItsTime_DoesNothing()
    {
        var approval = await AskForFullAsync(_h);

        await _h.ApprovalExpiry.ExpireAsync(_h.Checkout.Id, approval.Id, default);

        Assert.Equal(ApprovalState.Pending, _h.Checkout.Approvals[0].State);
    }

    [Fact]
    public async Task AButtonOfADecidedRequest_IsRefused()
    {
        var approval = await AskForFullAsync(_h);
        await _h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);
        var steps = _h.Checkout.Steps.Count;

        var stale = await _h.RequestAsync(new ChatRequest($"approve {approval.Id}", Carol, HandlerHarness.Releases));

        Assert.Equal(ReplyKind.Refused, stale.Reply.Kind);
        Assert.Contains("is closed — Approved by bob", stale.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(steps, _h.Checkout.Steps.Count);
    }

    [Fact]
    public async Task Reject_StopsThePromotion_WithTheReason()
    {
        var approval = await AskForFullAsync(_h);

        var reply = await _h.SayAsync($"reject {approval.Id} error budget is spent", who: HandlerHarness.Bob);

        Assert.Contains("Rejected: step full (everyone) of checkout", reply.Text, StringComparison.Ordinal);
        Assert.Contains("error budget is spent", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.Rejected, _h.Checkout.Approvals[0].State);
        Assert.DoesNotContain(_h.Checkout.Steps, s => s.Kind == StepKind.Full);
        Assert.Contains("error budget is spent", _h.Chat.Redraws[^1].Card.Context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRequester_MayWithdrawTheirOwnRequest_WithoutTheApproverRole()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("promote checkout full", who: Dave);
        var approval = Assert.Single(_h.Checkout.Approvals);

        var reply = await _h.SayAsync($"reject {approval.Id} wrong release", who: Dave);

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Equal(ApprovalState.Rejected, _h.Checkout.Approvals[0].State);
    }

    [Fact]
    public async Task RequestApproval_GatesTheNextStep_UntilApproved()
    {
        await _h.DeployCheckoutAsync();

        var asked = await _h.SayAsync("request approval checkout risky change");
        var approval = Assert.Single(_h.Checkout.Approvals);
        Assert.Contains($"request {approval.Id}", asked.Text, StringComparison.Ordinal);
        Assert.Equal(("compat (5% of traffic)", "risky change", (string?)null), (approval.StepText, approval.Reason, approval.Command));

        var early = await _h.SayAsync("promote checkout next");
        Assert.Contains("is waiting for approval", early.Text, StringComparison.Ordinal);
        Assert.Equal(0, _h.Checkout.RequestedWeight);

        // The promotion asked for while waiting is carried out once approved.
        var approved = await _h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);
        Assert.Contains("Carrying out `promote checkout next` for alice", approved.Text, StringComparison.Ordinal);
        Assert.Equal(5, _h.Checkout.RequestedWeight);
    }

    [Fact]
    public async Task AnApprovedRequest_WithNothingWaiting_LetsTheNextPromotionThrough()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("request approval checkout");
        var approval = Assert.Single(_h.Checkout.Approvals);

        var approved = await _h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);

        Assert.Contains("`promote checkout next` may take it now", approved.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Accepted, (await _h.SayAsync("promote checkout next")).Kind);
        Assert.Equal(5, _h.Checkout.RequestedWeight);
    }

    [Fact]
    public async Task WithoutTheTwoPersonRule_AnApproversOwnPromotionApprovesItself()
    {
        var h = new HandlerHarness(policy: Policy);
        await h.DeployCheckoutAsync();

        var reply = await h.SayAsync("promote checkout full");

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Contains("Accepted: promoting checkout", reply.Text, StringComparison.Ordinal);
        var approval = Assert.Single(h.Checkout.Approvals);
        Assert.Equal((ApprovalState.Approved, "alice (slack:U1)"), (approval.State, approval.DecidedBy));
    }

    [Fact]
    public async Task AWeightThatSkipsAGatedStep_NeedsItsApproval()
    {
        var gated = new ReleasePlan
        {
            Name = "gated",
            Steps =
            [
                new PlanStep { Name = "compat", Weight = 5 },
                new PlanStep { Name = "perf", Weight = 25, Approval = true },
                new PlanStep { Name = "full", Weight = 100 },
            ],
        };
        var h = new HandlerHarness(
            policy: Policy,
            consent: Rules(),
            apps: [new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Plan = "gated" }],
            plans: [gated]);
        await h.DeployCheckoutAsync();

        var reply = await h.SayAsync("promote checkout 50%");

        Assert.Contains("step perf (25% of traffic) needs approval first", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, h.Checkout.RequestedWeight);
        Assert.Equal(ReplyKind.Accepted, (await h.SayAsync("promote checkout 5%")).Kind);
    }

    [Fact]
    public async Task AnUnknownId_IsRefusedPolitely()
    {
        var reply = await _h.SayAsync("approve a000000", who: HandlerHarness.Bob);

        Assert.Contains("I know no approval request `a000000`", reply.Text, StringComparison.Ordinal);
    }
}
