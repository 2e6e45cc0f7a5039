using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.BlueGreen;

/// <summary>Blue-green releases through the core: preview, switch, keep time and retirement, and the ways back.</summary>
public sealed class BlueGreenTests
{
    private const string NewImage = "registry:5000/shop/checkout:v2.4.0";

    private readonly HandlerHarness _h = new();

    private static HandlerHarness Harness(BlueGreenSettings settings, AccessPolicy? policy = null, ConsentSettings? consent = null) => new(
        apps:
        [
            new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Strategy = ReleaseStrategy.BlueGreen, BlueGreen = settings },
            new AppSpec("cart", "shop", "cart", "cart", null, "replicas", "prod"),
        ],
        policy: policy,
        consent: consent);

    private async Task<Release> PreviewAsync(HandlerHarness? h = null)
    {
        h ??= _h;
        var reply = await h.AcceptedAsync("deploy checkout v2.4.0 --strategy bluegreen");
        Assert.Contains("Accepted: blue-green release ", reply.Text, StringComparison.Ordinal);
        await h.RunAsync(h.Checkout.Id);
        return h.Checkout;
    }

    private async Task<Release> SwitchedAsync(HandlerHarness? h = null, string command = "switch checkout")
    {
        h ??= _h;
        await PreviewAsync(h);
        await h.AcceptedAsync(command);
        await h.RunAsync(h.Checkout.Id);
        return h.Checkout;
    }

    [Fact]
    public async Task Deploy_BringsUpThePreviewColourAtFullSize_AndKeepsEveryoneOnTheLiveOne()
    {
        var reply = await _h.AcceptedAsync("deploy checkout v2.4.0 --strategy bluegreen");
        await _h.RunAsync(_h.Checkout.Id);

        Assert.Contains("bring up v2.4.0 as the preview colour — Deployment shop/checkout-canary with " + NewImage + " on 4 pods, beside the live v2.3.0", reply.Text, StringComparison.Ordinal);
        Assert.Equal((TrafficPhase.Preview, ChangeMode.Apply), (_h.Router.Targets[^1].Target.Phase, _h.Router.Targets[^1].Mode));
        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 4, NewImage, 4), _h.Workloads.Applied("checkout")[^1]);
        var release = _h.Checkout;
        Assert.Equal((ReleaseStrategy.BlueGreen, ReleaseState.Canary, 0, (DateTimeOffset?)null), (release.Strategy, release.State, release.EffectiveWeight, release.SwitchedAt));
        Assert.Contains("checkout v2.4.0 is up as the preview colour: `checkout-canary` on 4 pods beside the live v2.3.0; testers reach it through Service shop/checkout-canary",
            _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Equal(["switch checkout", "pause checkout", "rollback checkout"], _h.Chat.Cards[^1].Actions.Select(a => a.Command));
        Assert.Contains("blue-green, preview of v2.4.0 beside the live v2.3.0", (await _h.SayAsync("status checkout")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_MovesEveryone_KeepsTheOldColour_AndSchedulesItsRetirement()
    {
        var release = await SwitchedAsync();

        Assert.Equal(TrafficPhase.Switched, _h.Router.Targets[^1].Target.Phase);
        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 4, NewImage, 4), _h.Workloads.Applied("checkout")[^1]);
        Assert.Equal((100, _h.Time.GetUtcNow(), _h.Time.GetUtcNow() + TimeSpan.FromMinutes(30)), (release.EffectiveWeight, release.SwitchedAt, release.KeepOldUntil));
        Assert.Equal((release.Id, release.KeepOldUntil!.Value), Assert.Single(_h.Jobs.Retirements));
        Assert.Contains("checkout: everyone is on v2.4.0 now (`checkout-canary`); v2.3.0 keeps 4 pods for 30 min", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Equal(["rollback checkout"], _h.Chat.Cards[^1].Actions.Select(a => a.Command));
        Assert.Equal("Switch back", _h.Chat.Cards[^1].Actions[0].Label);
    }

    [Fact]
    public async Task AfterTheKeepTime_TheOldColourIsRetired_AndTheReleaseCompletes()
    {
        var release = await SwitchedAsync(command: "switch checkout keep old for 2h");
        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromHours(2), release.KeepOldUntil);

        await _h.Retirement.RetireAsync(release.Id, CancellationToken.None);
        Assert.Equal(2, _h.Jobs.Retirements.Count);
        Assert.Equal(ReleaseState.Canary, _h.Checkout.State);

        _h.Time.Advance(TimeSpan.FromHours(2));
        await _h.Retirement.RetireAsync(release.Id, CancellationToken.None);
        await _h.RunAsync(release.Id);

        Assert.Equal(ReleaseState.Completed, _h.Checkout.State);
        Assert.Equal(new WorkloadTarget(NewImage, 4, null, 0), _h.Workloads.Applied("checkout")[^1]);
        Assert.Contains("checkout: the old colour v2.3.0 is retired; v2.4.0 is the stable version on 4 pods", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Contains(_h.Audit.Entries, e => e.Actor == OldColourRetirement.Actor && e.Command == "retire the old colour");

        var late = await _h.SayAsync("rollback checkout");
        Assert.Equal(ReplyKind.Refused, late.Kind);
        Assert.Contains("old colour v2.3.0 was retired at", late.Text, StringComparison.Ordinal);
        Assert.Contains("`deploy checkout v2.3.0` brings v2.3.0 back as a new release", late.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuringAFreeze_TheOldColourIsKept_UntilTheFreezeEnds()
    {
        var release = await SwitchedAsync();
        await _h.AcceptedAsync("freeze checkout for 2h incident");
        _h.Time.Advance(TimeSpan.FromMinutes(30));

        await _h.Retirement.RetireAsync(release.Id, CancellationToken.None);

        Assert.DoesNotContain(_h.Checkout.Steps, s => s.Kind == StepKind.Full);
        Assert.Contains("checkout: v2.3.0 stays up — checkout is frozen", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        var (_, again) = _h.Jobs.Retirements[^1];
        Assert.True(again > _h.Time.GetUtcNow() + TimeSpan.FromHours(1), $"looked again at {again}");

        _h.Time.Advance(again - _h.Time.GetUtcNow());
        await _h.Retirement.RetireAsync(release.Id, CancellationToken.None);
        Assert.Contains(_h.Checkout.Steps, s => s.Kind == StepKind.Full);
    }

    [Fact]
    public async Task AnAppThatIsBlueGreenByDefault_RefusesAuto()
    {
        var h = Harness(BlueGreenSettings.Default);

        var reply = await h.SayAsync("deploy checkout v2.4.0 --auto");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("`--auto` does not apply", reply.Text, StringComparison.Ordinal);
        Assert.Empty(h.Store.All);
    }

    [Fact]
    public async Task RollbackAfterTheSwitch_SwitchesBackAtOnce()
    {
        var release = await SwitchedAsync();

        var reply = await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(release.Id);

        Assert.Contains("switching back to v2.3.0 at once — its 4 pods are still up — then the new colour is removed", reply.Text, StringComparison.Ordinal);
        Assert.Equal(TrafficPhase.RolledBack, _h.Router.Targets[^1].Target.Phase);
        Assert.Equal(ReleaseState.RolledBack, _h.Checkout.State);
        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 4, null, 0), _h.Workloads.Applied("checkout")[^1]);

        await _h.Retirement.RetireAsync(release.Id, CancellationToken.None);
        Assert.Equal(ReleaseState.RolledBack, _h.Checkout.State);
        Assert.DoesNotContain(_h.Checkout.Steps, s => s.Kind == StepKind.Full);
    }

    [Fact]
    public async Task RollbackBeforeTheSwitch_TearsThePreviewDown()
    {
        await PreviewAsync();

        var reply = await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(_h.Checkout.Id);

        Assert.Contains("the preview colour v2.4.0 (checkout-canary) is removed; everyone stays on v2.3.0", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.RolledBack, _h.Checkout.State);
        Assert.Empty(_h.Jobs.Retirements);
    }

    [Fact]
    public async Task AnOldColourKeptSmaller_GrowsBackOnRollback()
    {
        var h = Harness(BlueGreenSettings.Default with { OldReplicas = 1 });
        await SwitchedAsync(h);

        Assert.Equal(new WorkloadTarget(HandlerHarness.CheckoutImage, 1, NewImage, 4), h.Workloads.Applied("checkout")[^1]);
        var reply = await h.AcceptedAsync("rollback checkout");
        Assert.Contains("v2.3.0 grows back from 1 to 4 pods, takes all traffic again", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppsStrategy_IsTheDefault_AndCanaryOverridesIt()
    {
        var h = Harness(BlueGreenSettings.Default);

        await h.AcceptedAsync("deploy checkout v2.4.0");
        Assert.Equal(ReleaseStrategy.BlueGreen, h.Checkout.Strategy);
        await h.AcceptedAsync("rollback checkout");
        await h.RunAsync(h.Checkout.Id);

        await h.AcceptedAsync("deploy checkout v2.4.0 --strategy canary");
        Assert.Equal(ReleaseStrategy.Canary, h.Checkout.Strategy);
    }

    [Theory]
    [InlineData("promote checkout 20%", "is blue-green: there is no share of traffic to promote")]
    [InlineData("promote checkout full", "is blue-green: there is no share of traffic to promote")]
    [InlineData("route checkout header X-Canary=testers", "is blue-green: testers reach the preview colour through Service shop/checkout-canary")]
    public async Task CanaryVerbs_AreRefusedOnABlueGreenRelease(string text, string expected)
    {
        await PreviewAsync();

        var reply = await _h.SayAsync(text);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_IsRefused_WhereItMeansNothing()
    {
        await _h.DeployCheckoutAsync();
        Assert.Contains("is a canary release; `switch` is for blue-green ones", (await _h.SayAsync("switch checkout")).Text, StringComparison.Ordinal);
        Assert.Contains("already has an unfinished release", (await _h.SayAsync("deploy checkout v2.5.0 --strategy bluegreen")).Text, StringComparison.Ordinal);

        var h = new HandlerHarness();
        await h.AcceptedAsync("deploy checkout v2.4.0 --strategy bluegreen");
        Assert.Contains("preview colour is not up yet (its job is still running)", (await h.SayAsync("switch checkout")).Text, StringComparison.Ordinal);
        Assert.Contains("already has an unfinished blue-green release", (await h.SayAsync("deploy checkout v2.5.0")).Text, StringComparison.Ordinal);
        await h.RunAsync(h.Checkout.Id);

        await h.AcceptedAsync("pause checkout");
        Assert.Contains("is paused. Say `resume checkout` before switching", (await h.SayAsync("switch checkout")).Text, StringComparison.Ordinal);
        await h.AcceptedAsync("resume checkout");
        await h.AcceptedAsync("switch checkout");
        Assert.Contains("has switched already", (await h.SayAsync("switch checkout")).Text, StringComparison.Ordinal);
        await h.RunAsync(h.Checkout.Id);
        Assert.Contains("has switched: v2.4.0 serves everyone", (await h.SayAsync("pause checkout")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchDryRun_ListsTheChanges_AndQueuesNothing()
    {
        await PreviewAsync();
        var steps = _h.Checkout.Steps.Count;

        var reply = await _h.SayAsync("switch checkout --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("Dry run of `switch checkout` — nothing was changed.", reply.Text, StringComparison.Ordinal);
        Assert.Equal((TrafficPhase.Switched, ChangeMode.DryRun), (_h.Router.Targets[^1].Target.Phase, _h.Router.Targets[^1].Mode));
        Assert.Equal(steps, _h.Checkout.Steps.Count);
    }

    [Fact]
    public async Task AFreeze_RefusesTheSwitch_ButNotTheRollback()
    {
        await PreviewAsync();
        await _h.AcceptedAsync("freeze checkout incident");

        var refused = await _h.SayAsync("switch checkout");

        Assert.Equal(ReplyKind.Refused, refused.Kind);
        Assert.Contains("frozen", refused.Text, StringComparison.OrdinalIgnoreCase);
        await _h.AcceptedAsync("rollback checkout");
    }

    [Fact]
    public async Task AnAppThatAsksForApproval_SwitchesOnceSomeoneElseApproves()
    {
        var policy = new AccessPolicy([new AccessGrant(["slack:U1", "slack:U2"], Role.Approver, [], [])]);
        var consent = new ConsentSettings { Environments = new Dictionary<string, ApprovalRules> { ["prod"] = new(true, 1, TimeSpan.FromHours(2)) } };
        var h = Harness(BlueGreenSettings.Default with { SwitchApproval = true }, policy, consent);
        await PreviewAsync(h);

        var asked = await h.SayAsync("switch checkout");
        Assert.Contains("step switch (everyone) needs approval first", asked.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Checkout.Steps, s => s.Kind == StepKind.Switch);

        var approval = Assert.Single(h.Checkout.Approvals);
        var approved = await h.SayAsync($"approve {approval.Id}", who: HandlerHarness.Bob);
        await h.RunAsync(h.Checkout.Id);

        Assert.Contains("Accepted: switching checkout to v2.4.0", approved.Text, StringComparison.Ordinal);
        Assert.True(h.Checkout.IsSwitched);
    }

    [Fact]
    public async Task ABlueGreenDeploy_DryRun_ShowsThePreview()
    {
        var reply = await _h.SayAsync("deploy checkout v2.4.0 --strategy bluegreen --dry-run");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Equal((TrafficPhase.Preview, ChangeMode.DryRun), (_h.Router.Targets[^1].Target.Phase, _h.Router.Targets[^1].Mode));
        Assert.Empty(_h.Store.All);
    }
}
