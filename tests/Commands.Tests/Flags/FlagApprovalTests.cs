using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Flags;

/// <summary>Flag changes in an environment that asks for approval: the request, the two-person rule, quorum, expiry, and one use.</summary>
public sealed class FlagApprovalTests
{
    private static readonly Actor Carol = new("slack", "U3", "carol");
    private static readonly Actor Dave = new("slack", "U4", "dave");

    private static AccessPolicy Policy => new(
    [
        new AccessGrant(["slack:U1", "slack:U2", "slack:U3"], Role.Approver, [], []),
        new AccessGrant(["slack:U4"], Role.Deployer, [], []),
    ]);

    private static HandlerHarness Harness(int quorum = 1, bool twoPerson = true, bool offNeedsApproval = false) => new(
        policy: Policy,
        consent: new ConsentSettings { Environments = new Dictionary<string, ApprovalRules> { ["prod"] = new(twoPerson, quorum, TimeSpan.FromHours(2)) } },
        flags: new FlagSettings { ApprovalEnvironments = new HashSet<string> { "prod" }, OffNeedsApproval = offNeedsApproval });

    private static FeatureFlag? Flag(HandlerHarness h) => h.FlagMaps.Flag(h.Apps.Find("checkout")!, "new-checkout");

    private static async Task<FlagChange> AskAsync(HandlerHarness h, string text = "flag checkout new-checkout 30%")
    {
        var reply = await h.SayAsync(text);
        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Contains("checkout: changing flag new-checkout needs approval in prod. I asked (request g", reply.Text, StringComparison.Ordinal);
        return Assert.Single(h.FlagChanges.All, c => c.State == FlagChangeState.AwaitingApproval);
    }

    [Fact]
    public async Task AChange_RaisesARequest_WithACard_AndWritesNothing()
    {
        var h = Harness();

        var change = await AskAsync(h);

        Assert.Empty(h.Jobs.FlagChanges);
        Assert.Null(Flag(h));
        var (where, messageId, card) = Assert.Single(h.Chat.Decisions);
        Assert.Equal((HandlerHarness.Releases, messageId), (where, change.Approval!.MessageId));
        Assert.Equal([$"approve {change.Id}", $"reject {change.Id}"], card.Actions.Select(a => a.Command));
        Assert.Contains(card.Fields, f => f.Label == "Change" && f.Value == "off → on for 30% of users");
        Assert.Contains(card.Fields, f => f.Label == "May approve" && f.Value.Contains("not alice (two-person rule)", StringComparison.Ordinal));
        Assert.Equal((change.Id, FlagTimer.RequestExpiry, h.Time.GetUtcNow() + TimeSpan.FromHours(2)), Assert.Single(h.Jobs.FlagTimers));
    }

    [Fact]
    public async Task TheRequester_MayNotApprove_SomeoneElseMay_AndTheChangeIsCarriedOut()
    {
        var h = Harness();
        var change = await AskAsync(h);

        var own = await h.SayAsync($"approve {change.Id}");
        Assert.Equal(ReplyKind.Refused, own.Kind);
        Assert.Contains("someone else must approve it", own.Text, StringComparison.Ordinal);

        var approved = await h.SayAsync($"approve {change.Id}", who: HandlerHarness.Bob);
        await h.RunFlagJobsAsync();

        Assert.Equal(ReplyKind.Accepted, approved.Kind);
        Assert.Contains($"Approved: `flag checkout new-checkout 30%` (request {change.Id}) by bob (slack:U2)", approved.Text, StringComparison.Ordinal);
        Assert.Contains("Queued: checkout: flag new-checkout → on for 30% of users", approved.Text, StringComparison.Ordinal);
        Assert.Equal(30, Flag(h)!.Percentage);
        Assert.Equal(HandlerHarness.Alice.ToString(), Flag(h)!.ChangedBy);
        var stored = Assert.Single(h.FlagChanges.All);
        Assert.Equal((FlagChangeState.Applied, true), (stored.State, stored.ApprovalUsed));
        Assert.Empty(h.Chat.Redraws[^1].Card.Actions);
        Assert.Contains("(approved by bob (slack:U2))", (await h.SayAsync("flag checkout new-checkout history")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApproval_IsGoodForOneChange()
    {
        var h = Harness();
        var change = await AskAsync(h);
        await h.SayAsync($"approve {change.Id}", who: HandlerHarness.Bob);
        await h.RunFlagJobsAsync();

        var again = await h.SayAsync($"approve {change.Id}", who: Carol);
        var replay = await h.Handler.HandleAsync(
            new ChatRequest("flag checkout new-checkout 50%", HandlerHarness.Alice, HandlerHarness.Releases) { Origin = RequestOrigin.Approval }, CancellationToken.None);

        Assert.Equal(ReplyKind.Refused, again.Kind);
        Assert.Contains($"Request {change.Id} is closed — Approved by bob (slack:U2)", again.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Refused, replay.Reply.Kind);
        Assert.Contains("needs approval in prod and has none", replay.Reply.Text, StringComparison.Ordinal);
        Assert.Single(h.Jobs.FlagChanges);
    }

    [Fact]
    public async Task AQuorum_NeedsThatManyDifferentPeople()
    {
        var h = Harness(quorum: 2);
        var change = await AskAsync(h);

        var first = await h.SayAsync($"approve {change.Id}", who: HandlerHarness.Bob);
        var twice = await h.SayAsync($"approve {change.Id}", who: HandlerHarness.Bob);
        Assert.Contains("1 of 2; it needs 1 more from other people", first.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Refused, twice.Kind);
        Assert.Empty(h.Jobs.FlagChanges);

        await h.SayAsync($"approve {change.Id}", who: Carol);
        await h.RunFlagJobsAsync();

        Assert.Equal(30, Flag(h)!.Percentage);
    }

    [Fact]
    public async Task ADeployer_MayNotApprove()
    {
        var h = Harness();
        var change = await AskAsync(h);

        var reply = await h.SayAsync($"approve {change.Id}", who: Dave);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`approve` needs the approver role", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_TheFlagStays_AndTheRequesterMayWithdraw()
    {
        var h = Harness();
        var change = await AskAsync(h);

        var rejected = await h.SayAsync($"reject {change.Id} not during the sale", who: HandlerHarness.Bob);

        Assert.Contains("Rejected: `flag checkout new-checkout 30%`", rejected.Text, StringComparison.Ordinal);
        Assert.Contains("not during the sale", rejected.Text, StringComparison.Ordinal);
        Assert.Equal(FlagChangeState.Dropped, Assert.Single(h.FlagChanges.All).State);
        Assert.Null(Flag(h));

        var second = await AskAsync(h, "flag checkout new-checkout 10%");
        var withdrawn = await h.SayAsync($"reject {second.Id}", who: HandlerHarness.Alice);
        Assert.Equal(ReplyKind.Accepted, withdrawn.Kind);
    }

    [Fact]
    public async Task AnUndecidedRequest_Expires_AndItsButtonsStopWorking()
    {
        var h = Harness();
        var change = await AskAsync(h);

        h.Time.Advance(TimeSpan.FromHours(2));
        await h.FlagTimers.RingAsync(change.Id, FlagTimer.RequestExpiry, CancellationToken.None);

        Assert.Contains($"checkout: approval request {change.Id} for `flag checkout new-checkout 30%` expired at", h.Chat.Posts.Last().Reply.Text, StringComparison.Ordinal);
        Assert.Equal(FlagChangeState.Dropped, Assert.Single(h.FlagChanges.All).State);
        Assert.Contains("Expired at", h.Chat.Redraws[^1].Card.Context, StringComparison.Ordinal);
        var late = await h.SayAsync($"approve {change.Id}", who: HandlerHarness.Bob);
        Assert.Equal(ReplyKind.Refused, late.Kind);
        Assert.Contains("is closed — Expired", late.Text, StringComparison.Ordinal);
        Assert.Empty(h.Jobs.FlagChanges);
    }

    [Fact]
    public async Task AskingTwice_DoesNotRaiseASecondRequest()
    {
        var h = Harness();
        var change = await AskAsync(h);

        var again = await h.SayAsync("flag checkout new-checkout 30%");

        Assert.Equal(ReplyKind.Refused, again.Kind);
        Assert.Contains($"already waits for approval (request {change.Id}", again.Text, StringComparison.Ordinal);
        Assert.Contains($"new-checkout → on for 30% of users: waiting for approval (request {change.Id}", (await h.SayAsync("flags checkout")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKillSwitch_NeedsNoApproval_UnlessConfigured()
    {
        var h = Harness(twoPerson: false);
        await h.AcceptedAsync("flag checkout new-checkout on");
        await h.RunFlagJobsAsync();
        Assert.True(Flag(h)!.Enabled);

        var off = await h.SayAsync("flag checkout new-checkout off", who: Dave);
        await h.RunFlagJobsAsync();
        Assert.Contains("Queued", off.Text, StringComparison.Ordinal);
        Assert.False(Flag(h)!.Enabled);

        var strict = Harness(twoPerson: false, offNeedsApproval: true);
        await strict.AcceptedAsync("flag checkout new-checkout on");
        await strict.RunFlagJobsAsync();
        var asked = await strict.SayAsync("flag checkout new-checkout off", who: Dave);
        Assert.Contains("needs approval in prod", asked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheTwoPersonRule_AnApproversOwnChange_ApprovesItself()
    {
        var h = Harness(twoPerson: false);

        var reply = await h.SayAsync("flag checkout new-checkout 30%");
        await h.RunFlagJobsAsync();

        Assert.Contains("Queued", reply.Text, StringComparison.Ordinal);
        Assert.Equal(30, Flag(h)!.Percentage);
        var change = Assert.Single(h.FlagChanges.All);
        Assert.Equal((ApprovalState.Approved, "alice (slack:U1)"), (change.Approval!.State, change.Approval.DecidedBy));
        Assert.DoesNotContain(h.Chat.Decisions, d => d.Card.Key.StartsWith("approval:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFreezeDeclaredAfterTheApproval_StopsTheChange()
    {
        var h = Harness();
        var change = await AskAsync(h);
        await h.AcceptedAsync("freeze checkout incident");

        var approved = await h.SayAsync($"approve {change.Id}", who: HandlerHarness.Bob);

        Assert.Equal(ReplyKind.Failure, approved.Kind);
        Assert.Contains("frozen", approved.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Jobs.FlagChanges);
        Assert.Null(Flag(h));
    }
}
