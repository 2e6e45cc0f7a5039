using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Console;

/// <summary>Decision cards in the terminal, which has no buttons: the card as text, ending with the commands that answer it.</summary>
public sealed class ConsoleRepliesTests
{
    private static readonly ConversationRef Terminal = new(ConsoleReplies.PlatformName, "terminal");

    [Fact]
    public async Task DecisionCard_IsWrittenAsText_WithThePrompt_AndHasNoMessageId()
    {
        var (replies, output) = Create(interactive: false);

        var id = await replies.PostCardAsync(Terminal, DecisionCardSamples.Approval(), CancellationToken.None);

        Assert.Null(id);
        Assert.Equal(
            """
            Approve step full of checkout v2.4.0?
              Requested by: Alice
              Step: full: everyone
              Approval a1b2c3 · expires 14:30 UTC
              Say `approve a1b2c3` or `reject a1b2c3`.

            """.ReplaceLineEndings(),
            output.ToString().ReplaceLineEndings());
    }

    [Fact]
    public async Task DecisionCard_WhenSomeoneTypes_GoesAboveThePrompt_AndItsRedrawWritesNothing()
    {
        var (replies, output) = Create(interactive: true);

        await replies.PostCardAsync(Terminal, DecisionCardSamples.Approval(), CancellationToken.None);
        var written = output.ToString();
        await replies.UpdateCardAsync(Terminal, "any", DecisionCardSamples.Approved(), CancellationToken.None);

        Assert.StartsWith("\rApprove step full of checkout v2.4.0?", written, StringComparison.Ordinal);
        Assert.EndsWith("Say `approve a1b2c3` or `reject a1b2c3`." + Environment.NewLine + "release> ", written, StringComparison.Ordinal);
        Assert.Equal(written, output.ToString());
    }

    [Fact]
    public void DecidedCard_HasNoPromptLine()
    {
        Assert.Equal(
            "Approve step full of checkout v2.4.0?\n  Requested by: Alice\n  Step: full: everyone\n  Approved by Bob at 14:02 UTC",
            ConsoleReplies.Format(DecisionCardSamples.Approved()));
    }

    [Fact]
    public void TheTerminal_GetsNoEscapeSequenceOrDirectionOverride()
    {
        var text = ConsoleReplies.Format(Reply.Refused("a\u001b[31mred\u001b[0m \u009b2J\u202eevil\r\tb\nc"));

        Assert.Equal("✗ a [31mred [0m  2J evil  b\n  c", text);
        Assert.DoesNotContain(ConsoleReplies.Format(DecisionCardSamples.Approval() with { Title = "\u001b]0;pwned\u0007Approve" }), c => char.IsControl(c) && c != '\n');
    }

    private static (ConsoleReplies Replies, StringWriter Output) Create(bool interactive)
    {
        var output = new StringWriter();
        var io = new ConsoleIo(new StringReader(string.Empty), output, interactive);
        var replies = new ConsoleReplies(io, new ConsoleCharts(Options.Create(new StorageOptions())), Options.Create(new ConsoleChatOptions()));
        return (replies, output);
    }
}
