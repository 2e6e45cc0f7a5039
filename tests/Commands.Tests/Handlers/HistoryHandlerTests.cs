using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class HistoryHandlerTests
{
    [Fact]
    public async Task History_ShowsTheNewestEntriesFirstUpToTheLimit()
    {
        var h = new HandlerHarness(historyLimit: 2);
        await h.SayAsync("status checkout");
        await h.SayAsync("pause checkout", who: HandlerHarness.Bob);
        await h.SayAsync("deploy checkout v2.4.0 --dry-run");

        var reply = await h.SayAsync("history checkout");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Equal(2, h.Audit.LastLimit);
        var lines = reply.Text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("History of checkout, newest first (last 2):", lines[0]);
        Assert.StartsWith("• 2025-03-01 09:03:00Z answered: `deploy checkout v2.4.0 --dry-run` by alice (slack:U1) in slack:C-releases/T-1 — Dry run of",
            lines[1], StringComparison.Ordinal);
        Assert.StartsWith("• 2025-03-01 09:02:00Z refused: `pause checkout` by bob (slack:U2) in slack:C-releases/T-1 — checkout has no release yet",
            lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("status checkout", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ShowsOnlyTheFirstLineOfEachOutcome()
    {
        var h = new HandlerHarness();
        await h.SayAsync("deploy checkout v2.4.0 --dry-run");

        var reply = await h.SayAsync("history checkout");

        Assert.DoesNotContain("create (registry", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, reply.Text.Split('\n').Length);
    }

    [Fact]
    public async Task History_IncludesTheStepsTheJobCarriedOut()
    {
        var h = new HandlerHarness();
        var release = await h.DeployCheckoutAsync();

        var reply = await h.SayAsync("history checkout");

        Assert.Contains($"done: `step {release.Id}-1: create the canary at 0%` by bot (job)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("accepted: `deploy checkout v2.4.0` by alice (slack:U1)", reply.Text, StringComparison.Ordinal);
        Assert.True(
            reply.Text.IndexOf("done:", StringComparison.Ordinal) < reply.Text.IndexOf("accepted:", StringComparison.Ordinal),
            "the step was carried out after the deploy was accepted, so it comes first");
    }

    [Fact]
    public async Task History_OfAnAppNothingWasAskedOf_SaysSo()
    {
        var h = new HandlerHarness();

        var reply = await h.SayAsync("history cart");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Equal("Nothing has been asked of cart yet.", reply.Text);
    }

    [Fact]
    public async Task History_UnknownApp_IsRefused()
    {
        var h = new HandlerHarness();

        var reply = await h.SayAsync("history chekout");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("Did you mean `checkout`?", reply.Text, StringComparison.Ordinal);
        Assert.Null(h.Audit.LastLimit);
    }
}
