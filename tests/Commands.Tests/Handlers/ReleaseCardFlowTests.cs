using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>Release cards: drawn before the job is queued, redrawn after each step, and guarding their buttons.</summary>
public sealed class ReleaseCardFlowTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task Deploy_DrawsTheCardBeforeQueuingTheJob()
    {
        var cardsWhenQueued = -1;
        _h.Jobs.OnEnqueue = _ => cardsWhenQueued = _h.Chat.Cards.Count;

        await _h.AcceptedAsync("deploy checkout v2.4.0");

        Assert.Equal(1, cardsWhenQueued);
        var card = Assert.Single(_h.Chat.Cards);
        Assert.Equal("Release checkout v2.4.0", card.Title);
        Assert.Contains(new CardField("Version", "v2.3.0 → v2.4.0"), card.Fields);
        Assert.Equal(_h.Checkout.Revision, card.Revision);
    }

    [Fact]
    public async Task Step_RedrawsTheCardWithTheNewWeight()
    {
        var release = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout 25%");

        await _h.RunAsync(release.Id);

        var card = _h.Chat.Cards[^1];
        Assert.Contains(new CardField("Traffic", "25% to the canary"), card.Fields);
        Assert.Equal(["promote-next", "promote-full", "pause", "rollback"], card.Actions.Select(a => a.Id));
        Assert.Equal("Promote to 50%", card.Actions[0].Label);
        Assert.Equal(4, _h.Chat.Cards.Count);
    }

    [Fact]
    public async Task Button_FromTheCurrentCard_ActsAsTheTypedCommandByTheClicker()
    {
        var release = await _h.DeployCheckoutAsync();
        var card = _h.Chat.Cards[^1];
        var next = card.Actions.Single(a => a.Id == "promote-next");

        var result = await _h.RequestAsync(new ChatRequest(next.Command, HandlerHarness.Bob, HandlerHarness.Releases)
        {
            Guard = new CardGuard(card.ReleaseId, card.Revision),
        });

        Assert.Equal(ReplyKind.Accepted, result.Reply.Kind);
        Assert.Equal((release.Id, "checkout"), (result.ReleaseId, result.App));
        Assert.Equal(5, _h.Store.Get(release.Id).RequestedWeight);
        Assert.Equal("slack:U2", _h.Store.Get(release.Id).Steps[^1].RequestedBy.Split(' ')[^1].Trim('(', ')'));
        Assert.Equal(("promote checkout next", AuditOutcome.Accepted), (_h.Audit.Entries[^1].Command, _h.Audit.Entries[^1].Outcome));
    }

    [Fact]
    public async Task Button_FromAnOldCard_IsRefusedAndChangesNothing()
    {
        var release = await _h.DeployCheckoutAsync();
        var old = _h.Chat.Cards[^1];
        await _h.AcceptedAsync("promote checkout 25%");
        var before = _h.Store.Get(release.Id);

        var result = await _h.RequestAsync(new ChatRequest("promote checkout next", HandlerHarness.Bob, HandlerHarness.Releases)
        {
            Guard = new CardGuard(old.ReleaseId, old.Revision),
        });

        Assert.Equal(ReplyKind.Refused, result.Reply.Kind);
        Assert.StartsWith("That card is out of date", result.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(before.Steps.Count, _h.Store.Get(release.Id).Steps.Count);
        Assert.Equal(AuditOutcome.Refused, _h.Audit.Entries[^1].Outcome);
        Assert.Equal(release.Id, _h.Audit.Entries[^1].ReleaseId);
    }

    [Fact]
    public async Task Button_DoubleClicked_ActsOnce()
    {
        var release = await _h.DeployCheckoutAsync();
        var card = _h.Chat.Cards[^1];
        var click = new ChatRequest("promote checkout next", HandlerHarness.Bob, HandlerHarness.Releases) { Guard = new CardGuard(card.ReleaseId, card.Revision) };

        var first = await _h.RequestAsync(click);
        var second = await _h.RequestAsync(click);

        Assert.Equal((ReplyKind.Accepted, ReplyKind.Refused), (first.Reply.Kind, second.Reply.Kind));
        Assert.Single(_h.Store.Get(release.Id).Steps, s => s.Kind == StepKind.SetWeight);
    }

    [Fact]
    public async Task StepOutcome_GoesToTheReleasesThread_WhenAskedInItsChannel()
    {
        var release = await _h.DeployCheckoutAsync(run: false, where: new ConversationRef("slack", "C-releases"));
        _h.Store.Update(release.Id, r => r.Conversation = r.Conversation with { Thread = "171.000100" });

        await _h.RunAsync(release.Id);

        Assert.Equal(new ConversationRef("slack", "C-releases", "171.000100"), _h.Chat.Posts[^1].Conversation);
    }

    [Fact]
    public async Task QueueFailure_SaysTheStepIsRecordedAndWillRunLater()
    {
        _h.Jobs.Failure = new InvalidOperationException("storage is down");

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Failure, reply.Kind);
        Assert.Contains("the job queue did not take it", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("storage is down", reply.Text, StringComparison.Ordinal);
        Assert.True(_h.Checkout.HasOpenSteps);
    }

    [Fact]
    public async Task CardFailure_DoesNotStopTheCommand()
    {
        _h.Chat.CardFailure = new InvalidOperationException("channel_not_found");

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Single(_h.Jobs.Enqueued);
    }
}
