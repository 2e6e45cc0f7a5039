using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Fakes;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>Releases moving through a plan: by hand, by themselves with --auto, held by analysis, and rolled back by it.</summary>
public sealed class PlanWatchTests
{
    private static readonly ReleasePlan Quick = new()
    {
        Name = "quick",
        Origin = "test",
        Steps =
        [
            new PlanStep { Name = "compat", Weight = 25, Bake = TimeSpan.FromMinutes(10), Analysis = true },
            new PlanStep { Name = "perf", Weight = 50, Bake = TimeSpan.FromMinutes(10), Analysis = true },
            new PlanStep { Name = "full", Weight = 100, Approval = true },
        ],
    };

    private readonly HandlerHarness _h = new(apps:
    [
        new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Plan = "quick" },
        new AppSpec("cart", "shop", "cart", "cart", null, "replicas", "prod")
        {
            Plan = "quick",
            Analysis = new AnalysisSettings { OnFail = FailAction.Pause, InconclusiveDeadline = TimeSpan.FromMinutes(5) },
        },
    ], plans: [Quick]);

    [Fact]
    public async Task Plan_ShowsTheStepsAndWhereTheReleaseStands()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout next");
        await _h.RunAsync(_h.Checkout.Id);

        var reply = await _h.SayAsync("plan checkout");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("checkout follows plan quick (test):", reply.Text, StringComparison.Ordinal);
        Assert.Contains("▶ 1. compat — 25% of traffic, bakes 10 min, analysis must pass", reply.Text, StringComparison.Ordinal);
        Assert.Contains("→ 2. perf — 50% of traffic", reply.Text, StringComparison.Ordinal);
        Assert.Contains("3. full — everyone, needs approval", reply.Text, StringComparison.Ordinal);
        Assert.Contains("at compat (25% of traffic), baked 1 min of 10 min; next: perf (50% of traffic)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEdgeFirstPlan_GoesRuleThenWeightsThenEveryone_ByHand()
    {
        var h = new HandlerHarness(apps: [new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod") { Plan = DefaultPlans.EdgeFirst }]);
        var release = await h.DeployCheckoutAsync();
        var seen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await h.AcceptedAsync("promote checkout next");
            await h.RunAsync(release.Id);
            var step = h.Store.Get(release.Id).Steps[^1];
            seen.Add($"{step.Kind} {step.Weight} {string.Join(",", step.Rules.Select(r => r.Describe()))}");
        }

        Assert.Equal(
        [
            "SetRoute 0 header X-Canary: testers",
            "SetWeight 5 header X-Canary: testers",
            "SetWeight 25 header X-Canary: testers",
            "SetWeight 50 header X-Canary: testers",
            "SetWeight 75 header X-Canary: testers",
            "Full 100 header X-Canary: testers",
        ], seen);
        Assert.Equal((ReleaseState.Completed, 0), (h.Store.Get(release.Id).State, h.Store.Get(release.Id).Rules.Count));
    }

    [Fact]
    public async Task Auto_StartsTheFirstStep_WaitsForTheBake_ThenMovesOnOnlyWhenAnalysisPasses()
    {
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        await _h.AcceptedAsync("deploy checkout v2.4.0 --auto");
        var id = _h.Checkout.Id;
        await _h.RunAsync(id);
        Assert.Equal(_h.Time.GetUtcNow(), _h.Jobs.Looks[^1].At); // an automatic release is looked at once deployed

        await _h.Watch.LookAsync(id, default);
        await _h.RunAsync(id);
        Assert.Equal((0, 25), (_h.Checkout.PlanIndex, _h.Checkout.RequestedWeight));
        Assert.Contains(_h.Audit.Entries, e => e.Actor == WatchActions.Actor && e.Command == "automatic promotion to step compat");

        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.Watch.LookAsync(id, default);
        Assert.Equal(25, _h.Checkout.RequestedWeight); // half baked: stays

        _h.Time.Advance(TimeSpan.FromMinutes(6));
        _h.Metrics.Answer = w => MetricsResult.Missing("the fake source is down");
        await _h.Watch.LookAsync(id, default);
        Assert.Equal(25, _h.Checkout.RequestedWeight); // baked, but no verdict: no move
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.Contains("step compat keeps baking — the analysis is inconclusive", StringComparison.Ordinal));

        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await _h.Watch.LookAsync(id, default);
        await _h.RunAsync(id);
        Assert.Equal((1, 50), (_h.Checkout.PlanIndex, _h.Checkout.RequestedWeight));
    }

    [Fact]
    public async Task Auto_StopsBeforeAStepThatNeedsApproval_AndSaysSoOnce()
    {
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        await _h.AcceptedAsync("deploy checkout v2.4.0 --auto");
        var id = _h.Checkout.Id;
        await _h.RunAsync(id);
        for (var i = 0; i < 2; i++)
        {
            await _h.Watch.LookAsync(id, default);
            await _h.RunAsync(id);
            _h.Time.Advance(TimeSpan.FromMinutes(11));
            await _h.Watch.LookAsync(id, default);
            await _h.RunAsync(id);
        }

        _h.Time.Advance(TimeSpan.FromMinutes(11));
        await _h.Watch.LookAsync(id, default);
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Watch.LookAsync(id, default);

        Assert.Equal((ReleaseState.Canary, 50), (_h.Checkout.State, _h.Checkout.RequestedWeight));
        var asked = _h.Chat.Posts.Where(p => p.Reply.Text.Contains("step full (everyone) needs approval", StringComparison.Ordinal)).ToList();
        Assert.Single(asked);
        Assert.Contains("Once approved I go on by myself", asked[0].Reply.Text, StringComparison.Ordinal);
        var request = Assert.Single(_h.Checkout.Approvals);
        Assert.Equal((ApprovalState.Pending, "alice"), (request.State, request.RequestedBy.DisplayName));
        Assert.Contains(_h.Chat.Decisions, d => d.Card.Key == $"approval:{request.Id}");

        // alice is an approver where there is no two-person rule: her own `promote next` approves the waiting request.
        await _h.AcceptedAsync("promote checkout next");
        Assert.Equal(ApprovalState.Approved, Assert.Single(_h.Checkout.Approvals).State);
        await _h.RunAsync(id);
        Assert.Equal(ReleaseState.Completed, _h.Checkout.State);
    }

    [Fact]
    public async Task Fail_RollsBackByItself_WithTheVerdictAndChartInTheThread_AndAnAuditEntry()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout next");
        await _h.RunAsync(_h.Checkout.Id);
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 80);

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await _h.Watch.LookAsync(_h.Checkout.Id, default);

        var (_, reply) = _h.Chat.Posts.Last(p => p.Reply.Kind == ReplyKind.Failure);
        Assert.StartsWith("checkout: the analysis of step compat says Fail: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("I am rolling checkout back to v2.3.0", reply.Text, StringComparison.Ordinal);
        Assert.NotNull(reply.Image);
        var entry = Assert.Single(_h.Audit.Entries, e => e.Actor == WatchActions.Actor);
        Assert.Equal(("automatic rollback", AuditOutcome.Accepted), (entry.Command, entry.Outcome));
        Assert.Contains("canary", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.RollingBack, _h.Checkout.State);
        await _h.RunAsync(_h.Checkout.Id);
        Assert.Equal(ReleaseState.RolledBack, _h.Checkout.State);
    }

    [Fact]
    public async Task Fail_PausesInstead_WhenTheAppSaysSo()
    {
        var id = await CartAtItsFirstStepAsync();
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 80);
        var looks = _h.Jobs.Looks.Count;

        await _h.Watch.LookAsync(id, default);

        Assert.Equal((ReleaseState.Paused, 50), (_h.Store.Get(id).State, _h.Store.Get(id).EffectiveWeight));
        Assert.Contains(_h.Audit.Entries, e => e.Actor == WatchActions.Actor && e.Command == "automatic pause");
        Assert.Equal(looks, _h.Jobs.Looks.Count); // a paused release is not watched until resumed

        await _h.AcceptedAsync("resume cart");
        Assert.Equal(looks + 1, _h.Jobs.Looks.Count);
    }

    [Fact]
    public async Task Inconclusive_KeepsBaking_ThenPausesAtTheDeadline_AndAsksAPerson()
    {
        var id = await CartAtItsFirstStepAsync();
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 1, canaryRequests: 50);

        for (var i = 0; i < 9; i++)
        {
            await _h.Watch.LookAsync(id, default);
            _h.Time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ReleaseState.Canary, _h.Store.Get(id).State);
        Assert.Single(_h.Chat.Posts, p => p.Reply.Text.Contains("keeps baking — the analysis is inconclusive", StringComparison.Ordinal));

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await _h.Watch.LookAsync(id, default);

        Assert.Equal(ReleaseState.Paused, _h.Store.Get(id).State);
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Kind == ReplyKind.Failure && p.Reply.Text.Contains("has been inconclusive for 5 min", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALookFindingAnotherChainDueLater_LeavesTheWatchToIt()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout next");
        await _h.RunAsync(_h.Checkout.Id);
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        await _h.Watch.LookAsync(_h.Checkout.Id, default);
        var looks = _h.Jobs.Looks.Count;
        var fetched = _h.Metrics.Calls.Count;

        await _h.Watch.LookAsync(_h.Checkout.Id, default); // a second chain, ten seconds early

        Assert.Equal((looks, fetched), (_h.Jobs.Looks.Count, _h.Metrics.Calls.Count));
    }

    [Fact]
    public async Task Restart_TellsTheThread_RequeuesOpenSteps_AndRestartsTheWatchWithoutRestartingTheBake()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout next");
        await _h.RunAsync(_h.Checkout.Id);
        var started = _h.Checkout.BakeStartedAt;
        await _h.AcceptedAsync("promote checkout next"); // queued, never run: the bot "stopped"
        _h.Time.Advance(TimeSpan.FromMinutes(3));

        await _h.Recovery.ResumeAsync(default);

        Assert.Equal(_h.Checkout.Id, _h.Jobs.Enqueued[^1]);
        Assert.Equal(started, _h.Checkout.BakeStartedAt);
        Assert.Contains(_h.Chat.Posts, p => p.Reply.Text.StartsWith($"I restarted at 09:", StringComparison.Ordinal)
            && p.Reply.Text.Contains("the queued step (send 50% of traffic to the canary) runs now", StringComparison.Ordinal));
        Assert.Equal(_h.Time.GetUtcNow(), _h.Jobs.Looks[^1].At);
    }

    /// <summary>Deploys cart (which pauses on Fail and has a 5-minute inconclusive deadline) and starts its first plan step.</summary>
    private async Task<string> CartAtItsFirstStepAsync()
    {
        await _h.AcceptedAsync("deploy cart v1.1.0");
        var id = _h.Store.All.Last(r => r.App == "cart").Id;
        await _h.RunAsync(id);
        await _h.AcceptedAsync("promote cart next");
        await _h.RunAsync(id);
        return id;
    }
}
