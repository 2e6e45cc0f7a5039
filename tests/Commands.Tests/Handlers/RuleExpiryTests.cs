using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class RuleExpiryTests
{
    private readonly HandlerHarness _h = new();

    private async Task<Release> RoutedAsync(string rule)
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync($"route checkout {rule}");
        await _h.RunAsync(release.Id);
        return _h.Store.Get(release.Id);
    }

    private Task ExpireAsync(string releaseId) => _h.Expiry.ExpireAsync(releaseId, CancellationToken.None);

    private void AdvanceTo(DateTimeOffset at) => _h.Time.Advance(at - _h.Time.GetUtcNow());

    [Fact]
    public async Task Expire_BeforeTheRulesTime_DoesNothing()
    {
        var release = await RoutedAsync("header X-Canary=testers for 2h");
        var (posts, cards, audits, queued) = (_h.Chat.Posts.Count, _h.Chat.Cards.Count, _h.Audit.Entries.Count, _h.Jobs.Enqueued.Count);
        AdvanceTo(release.Rules[0].ExpiresAt!.Value.AddSeconds(-1));

        await ExpireAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Single(stored.Rules);
        Assert.False(stored.HasOpenSteps);
        Assert.Equal((posts, cards, audits, queued), (_h.Chat.Posts.Count, _h.Chat.Cards.Count, _h.Audit.Entries.Count, _h.Jobs.Enqueued.Count));
    }

    [Fact]
    public async Task Expire_AtTheRulesTime_RemovesItQueuesAStepTellsTheConversationAndRedrawsTheCard()
    {
        var release = await RoutedAsync("header X-Canary=testers for 2h");
        var queued = _h.Jobs.Enqueued.Count;
        AdvanceTo(release.Rules[0].ExpiresAt!.Value);

        await ExpireAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Empty(stored.Rules);
        var step = Assert.Single(stored.Steps, s => s.IsOpen);
        Assert.Equal((StepKind.SetRoute, 0, "bot (expiry)"), (step.Kind, step.Weight, step.RequestedBy));
        Assert.Empty(step.Rules);
        Assert.Equal(queued + 1, _h.Jobs.Enqueued.Count);
        Assert.Equal(release.Id, _h.Jobs.Enqueued[^1]);
        var (where, reply) = _h.Chat.Posts[^1];
        Assert.Equal(HandlerHarness.Releases, where);
        Assert.Equal("The rule header X-Canary: testers for checkout ended (it was set for 2 h); only the weight decides who reaches "
            + "the canary v2.4.0 now (0%). I'll post here when the router has it.", reply.Text);
        var card = _h.Chat.Cards[^1];
        Assert.Equal(stored.Revision, card.Revision);
        Assert.DoesNotContain(card.Fields, f => f.Label == "Users");
        var entry = _h.Audit.Entries[^1];
        Assert.Equal(("bot (expiry)", AuditOutcome.Accepted, release.Id, "checkout"), (entry.Actor, entry.Outcome, entry.ReleaseId, entry.App));
        Assert.Equal("expire header X-Canary: testers", entry.Command);
        Assert.Equal(reply.Text, entry.Detail);
        Assert.Equal(_h.Time.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task Expire_ThenTheStep_TakesTheRuleOutOfTheRouterAndSaysSo()
    {
        var release = await RoutedAsync("cookie canary for 30m");
        AdvanceTo(release.Rules[0].ExpiresAt!.Value.AddMinutes(1));
        await ExpireAsync(release.Id);

        await _h.RunAsync(release.Id);

        var (_, target, mode) = _h.Router.Targets[^1];
        Assert.Equal((TrafficPhase.Canary, 0, ChangeMode.Apply), (target.Phase, target.Weight, mode));
        Assert.Empty(target.Rules);
        Assert.Equal("checkout: no user rules any more; the canary v2.4.0 gets 0% of traffic.", _h.Chat.Posts[^1].Reply.Text);
        Assert.False(_h.Store.Get(release.Id).HasOpenSteps);
    }

    [Fact]
    public async Task Expire_OneOfTwoRules_SaysWhichStillReachTheCanary()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");
        await _h.AcceptedAsync("route checkout cookie canary for 1h");
        await _h.AcceptedAsync("route checkout header X-Canary=testers");
        AdvanceTo(_h.Store.Get(release.Id).Rules[0].ExpiresAt!.Value);

        await ExpireAsync(release.Id);

        Assert.Equal("The rule cookie canary=always for checkout ended (it was set for 1 h); requests with header X-Canary: testers still "
            + "reach the canary v2.4.0, besides 25% of everyone. I'll post here when the router has it.", _h.Chat.Posts[^1].Reply.Text);
        Assert.Equal("header X-Canary: testers", Assert.Single(_h.Store.Get(release.Id).Rules).Describe());
    }

    [Fact]
    public async Task Expire_SeveralRulesAtOnce_NamesEach()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("route checkout cookie canary for 1h");
        await _h.AcceptedAsync("route checkout header X-Canary=testers for 30m");
        AdvanceTo(_h.Store.Get(release.Id).Rules[0].ExpiresAt!.Value);

        await ExpireAsync(release.Id);

        Assert.StartsWith("The rules cookie canary=always (set for 1 h) and header X-Canary: testers (set for 30 min) for checkout ended; "
            + "only the weight decides", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Store.Get(release.Id).Steps, s => s.RequestedBy == Release.ExpiryActor);
    }

    [Fact]
    public async Task Expire_RuleReplacedByALongerOne_DoesNotEndAtTheFirstTime()
    {
        var release = await RoutedAsync("header X-Canary=testers for 1h");
        var first = release.Rules[0].ExpiresAt!.Value;
        await _h.AcceptedAsync("route checkout header X-Canary=testers for 3h");
        await _h.RunAsync(release.Id);
        var second = _h.Store.Get(release.Id).Rules[0].ExpiresAt!.Value;
        Assert.Equal([(release.Id, first), (release.Id, second)], _h.Jobs.Scheduled);
        var posts = _h.Chat.Posts.Count;

        AdvanceTo(first);
        await ExpireAsync(release.Id);

        Assert.Single(_h.Store.Get(release.Id).Rules);
        Assert.Equal(posts, _h.Chat.Posts.Count);

        AdvanceTo(second);
        await ExpireAsync(release.Id);

        Assert.Empty(_h.Store.Get(release.Id).Rules);
        Assert.Contains("(it was set for 3 h)", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_RuleClearedMeanwhile_DoesNothing()
    {
        var release = await RoutedAsync("header X-Canary=testers for 1h");
        await _h.AcceptedAsync("route checkout clear");
        await _h.RunAsync(release.Id);
        var (steps, posts) = (_h.Store.Get(release.Id).Steps.Count, _h.Chat.Posts.Count);

        AdvanceTo(release.Rules[0].ExpiresAt!.Value.AddMinutes(5));
        await ExpireAsync(release.Id);

        Assert.Equal((steps, posts), (_h.Store.Get(release.Id).Steps.Count, _h.Chat.Posts.Count));
    }

    [Fact]
    public async Task Expire_WhilePaused_StillEndsTheRule()
    {
        var release = await RoutedAsync("cookie canary for 1h");
        await _h.AcceptedAsync("pause checkout");
        AdvanceTo(release.Rules[0].ExpiresAt!.Value);

        await ExpireAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Equal(ReleaseState.Paused, stored.State);
        Assert.Empty(stored.Rules);
        Assert.True(stored.HasOpenSteps);
    }

    [Theory]
    [InlineData("rollback checkout")]
    [InlineData("promote checkout full")]
    public async Task Expire_FinishedRelease_DoesNothing(string finish)
    {
        var release = await RoutedAsync("cookie canary for 1h");
        await _h.AcceptedAsync(finish);
        await _h.RunAsync(release.Id);
        var (steps, posts, queued) = (_h.Store.Get(release.Id).Steps.Count, _h.Chat.Posts.Count, _h.Jobs.Enqueued.Count);

        AdvanceTo(release.Rules[0].ExpiresAt!.Value);
        await ExpireAsync(release.Id);

        Assert.Equal((steps, posts, queued), (_h.Store.Get(release.Id).Steps.Count, _h.Chat.Posts.Count, _h.Jobs.Enqueued.Count));
    }

    [Fact]
    public async Task Expire_UnknownRelease_DoesNothing()
    {
        await ExpireAsync("nothere");

        Assert.Empty(_h.Chat.Posts);
        Assert.Empty(_h.Jobs.Enqueued);
    }

    [Fact]
    public async Task Expire_WhenTheQueueOrTheAuditFails_StillEndsTheRuleAndTellsTheConversation()
    {
        var release = await RoutedAsync("cookie canary for 1h");
        _h.Jobs.Failure = new InvalidOperationException("storage is down");
        _h.Audit.AppendFailure = new IOException("disk full");
        AdvanceTo(release.Rules[0].ExpiresAt!.Value);

        await ExpireAsync(release.Id);

        var stored = _h.Store.Get(release.Id);
        Assert.Empty(stored.Rules);
        Assert.True(stored.HasOpenSteps);
        Assert.StartsWith("The rule cookie canary=always for checkout ended", _h.Chat.Posts[^1].Reply.Text, StringComparison.Ordinal);
    }
}
