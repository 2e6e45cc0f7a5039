using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Consent;

public sealed class FreezeTests
{
    private static readonly Actor Dave = new("slack", "U4", "dave");

    private static AccessPolicy Policy => new(
    [
        new AccessGrant(["slack:U1"], Role.Admin, [], []),
        new AccessGrant(["slack:U2", "slack:U4"], Role.Deployer, [], []),
    ]);

    private readonly HandlerHarness _h = new(policy: Policy);

    [Fact]
    public async Task ATypedPromotion_DuringAFreeze_IsRefusedWithTheReason_AndChangesNothing()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout until 18:00 incident 4711", who: Dave);
        var steps = _h.Checkout.Steps.Count;

        var reply = await _h.SayAsync("promote checkout 25%", who: HandlerHarness.Bob);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("checkout is frozen (chat freeze: `incident 4711`), until 2025-03-01 18:00:00Z, set by dave (slack:U4). Nothing was changed.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("An admin may override it with `--force`", reply.Text, StringComparison.Ordinal);
        Assert.Equal(steps, _h.Checkout.Steps.Count);
        Assert.Equal(AuditOutcome.Refused, _h.Audit.Entries[^1].Outcome);
    }

    [Fact]
    public async Task FreezeAll_StopsDeploysOfEveryApp()
    {
        var reply = await _h.SayAsync("freeze all for 2h black friday");
        Assert.Contains("Frozen: every app until", reply.Text, StringComparison.Ordinal);

        var deploy = await _h.SayAsync("deploy cart v1.1.0", who: HandlerHarness.Bob);

        Assert.Contains("cart is frozen (all apps: `black friday`)", deploy.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.All);
    }

    [Fact]
    public async Task AnAdminsForce_PassesTheFreeze_IsRecorded_AndAnnouncedInTheReleaseThread()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout incident 4711", who: Dave);

        var reply = await _h.SayAsync("promote checkout 25% --force", where: HandlerHarness.Elsewhere);

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.StartsWith("⚠ Freeze override: alice (slack:U1) ran `promote checkout 25% --force` although checkout is frozen", reply.Text, StringComparison.Ordinal);
        Assert.Equal(25, _h.Checkout.RequestedWeight);
        var entry = Assert.Single(_h.Audit.Entries, e => e.Command == "freeze override");
        Assert.Equal((AuditOutcome.Accepted, "checkout"), (entry.Outcome, entry.App));
        Assert.Contains(_h.Chat.Posts, p => p.Conversation == HandlerHarness.Releases && p.Reply.Text.StartsWith("⚠ Freeze override", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeployersForce_DoesNotPassTheFreeze()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout", who: Dave);

        var reply = await _h.SayAsync("promote checkout 25% --force", who: HandlerHarness.Bob);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Equal(0, _h.Checkout.RequestedWeight);
    }

    [Fact]
    public async Task PauseRollbackAndClearingRules_StillWorkDuringAFreeze()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout", who: Dave);

        Assert.DoesNotContain("frozen", (await _h.SayAsync("route checkout clear", who: Dave)).Text, StringComparison.Ordinal);
        var pause = await _h.SayAsync("pause checkout", who: Dave);
        Assert.True(pause.Kind == ReplyKind.Accepted, pause.Text);
        var rollback = await _h.SayAsync("rollback checkout", who: Dave);
        Assert.True(rollback.Kind == ReplyKind.Accepted, rollback.Text);
        Assert.Contains("checkout is frozen", (await _h.SayAsync("route checkout header X-Canary=testers", who: Dave)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFreezeWithAnEnd_EndsByItself()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout for 1h", who: Dave);
        Assert.Equal(ReplyKind.Refused, (await _h.SayAsync("promote checkout 25%", who: Dave)).Kind);

        _h.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(ReplyKind.Accepted, (await _h.SayAsync("promote checkout 25%", who: Dave)).Kind);
    }

    [Fact]
    public async Task Unfreeze_NeedsAnAdmin_AndLiftsTheChatFreeze()
    {
        await _h.DeployCheckoutAsync();
        await _h.SayAsync("freeze checkout", who: Dave);
        Assert.Contains("needs the admin role", (await _h.SayAsync("unfreeze checkout", who: Dave)).Text, StringComparison.Ordinal);

        Assert.Contains("Unfrozen: checkout (lifted 1 freeze)", (await _h.SayAsync("unfreeze checkout")).Text, StringComparison.Ordinal);

        Assert.Equal(ReplyKind.Accepted, (await _h.SayAsync("promote checkout 25%", who: Dave)).Kind);
    }

    [Fact]
    public async Task ACalendarFreeze_StopsChanges_AndCannotBeLiftedFromChat()
    {
        // The harness's clock reads Saturday 2025-03-01: inside a Friday-evening-to-Monday freeze.
        var h = new HandlerHarness(policy: Policy, consent: new ConsentSettings
        {
            Calendar = [new CalendarFreeze("weekend", "0 18 * * FRI", TimeSpan.FromHours(62), "UTC", [], "no changes at the weekend")],
        });

        var deploy = await h.SayAsync("deploy checkout v2.4.0", who: Dave);

        Assert.Contains("checkout is frozen (weekend: `no changes at the weekend`), until 2025-03-03 08:00:00Z, set by the calendar", deploy.Text, StringComparison.Ordinal);
        Assert.Contains("weekend", (await h.SayAsync("unfreeze checkout")).Text, StringComparison.Ordinal);
        Assert.Contains("calendar weekend", (await h.SayAsync("freeze")).Text, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Accepted, (await h.SayAsync("deploy checkout v2.4.0 --force")).Kind);
    }

    [Fact]
    public async Task TheAutomaticNextStep_WaitsForTheFreezeToEnd()
    {
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        await _h.AcceptedAsync("deploy checkout v2.4.0 --auto");
        await _h.RunAsync(_h.Checkout.Id);
        await _h.SayAsync("freeze checkout", who: Dave);

        await _h.Watch.LookAsync(_h.Checkout.Id, default);

        Assert.Equal(0, _h.Checkout.RequestedWeight);
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.Contains("step compat waits: checkout is frozen", StringComparison.Ordinal));
        await _h.SayAsync("unfreeze checkout");
        await _h.Watch.LookAsync(_h.Checkout.Id, default);
        Assert.Equal(5, _h.Checkout.RequestedWeight);
    }
}
