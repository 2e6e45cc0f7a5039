using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Consent;

/// <summary>Reasons and comments people type come back as code spans: no chat client reads them as markup, mentions or links.</summary>
public sealed class TypedTextTests
{
    private readonly HandlerHarness _h = new();

    [Fact]
    public async Task AFreezeReason_IsShownAsACodeSpan_InTheAnswerAndInEveryRefusal()
    {
        var frozen = await _h.AcceptedAsync("freeze checkout <!channel> *boom* [x](https://evil.example)");
        var deploy = await _h.SayAsync("deploy checkout v2.4.0");
        var list = await _h.SayAsync("freeze");

        Assert.StartsWith("Frozen: checkout until `unfreeze checkout` (`<!channel> *boom* [x](https://evil.example)`).", frozen.Text, StringComparison.Ordinal);
        Assert.Contains("checkout is frozen (chat freeze: `<!channel> *boom* [x](https://evil.example)`)", deploy.Text, StringComparison.Ordinal);
        Assert.Contains("(`<!channel> *boom* [x](https://evil.example)`)", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovalsReasonAndRejection_AreCodeSpans_OnTheCardAndInTheAnswer()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("request approval checkout <!here> _x_ ~y~");
        var id = _h.Checkout.Approvals.Single().Id;

        var rejected = await _h.SayAsync($"reject {id} <https://evil.example|click>", who: HandlerHarness.Bob);

        var card = _h.Chat.Decisions.Single().Card;
        Assert.Contains(new CardField("Reason", "`<!here> _x_ ~y~`"), card.Fields);
        Assert.Contains(": `<https://evil.example|click>`. The step will not be taken", rejected.Text, StringComparison.Ordinal);
        Assert.EndsWith(": `<https://evil.example|click>`", _h.Chat.Redraws.Last().Card.Context, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVetoReason_IsACodeSpan()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("schedule promote checkout 25% in 2h");
        var id = _h.Checkout.Schedules.Single().Id;

        var vetoed = await _h.SayAsync($"veto {id} <@U1> `*no*`");

        Assert.EndsWith("will not happen (`<@U1> *no*`).", vetoed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_CutsLongCommandsAndAnswers_AndKeepsEveryCodeSpanClosed()
    {
        await _h.AcceptedAsync("freeze checkout for 2h " + string.Concat(Enumerable.Repeat("incident ", 30)));
        await _h.SayAsync("deploy checkout v" + new string('9', 127));

        var history = await _h.SayAsync("history checkout");

        var lines = history.Text.Split('\n').Skip(1).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.True(line.Length < 350, line));
        Assert.Contains("`freeze checkout for 2h incident incident", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("…`", lines[0], StringComparison.Ordinal);
        Assert.Null(ReadableReply.Problem(history));
        Assert.Equal(ReplyKind.Info, history.Kind);
    }
}
