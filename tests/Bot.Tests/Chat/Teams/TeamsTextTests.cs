using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams;

/// <summary>What people typed reaches Teams as text: no HTML, mention or link forms outside code spans, none in cards, and no code span is closed early.</summary>
public sealed class TeamsTextTests
{
    [Fact]
    public void AReply_OutsideCodeSpans_HasNoHtmlMentionOrLink()
    {
        var text = TeamsText.Format(Reply.Refused("checkout is frozen (chat freeze: `<at>Eve</at> [a](https://evil.example)`), set by <script>x</script> & [b](https://evil.example)\nNothing was changed."));

        Assert.Equal("⛔ checkout is frozen (chat freeze: `<at>Eve</at> [a](https://evil.example)`), set by &lt;script&gt;x&lt;/script&gt; &amp; [b] (https://evil.example)\n\nNothing was changed.", text);
    }

    [Fact]
    public void ABackQuoteWithoutAPartner_OpensNoCodeSpan()
    {
        Assert.Equal("a `b` c 'd &lt;e&gt;", TeamsText.Escape("a `b` c `d <e>"));
    }

    [Fact]
    public void ATypedLine_IsRepeatedAsOneCodeSpan_AndAPersonsNameCannotBreakTheBold()
    {
        Assert.Equal("`promote x [a](https://evil.example)`", TeamsText.Typed("promote `x` [a](https://evil.example)"));
        Assert.Equal("**Eve&lt;at&gt;x&lt;/at&gt;**: hi", (string?)TeamsText.MessageTo("**Eve**<at>x</at>`", "hi")["text"]);
    }

    [Fact]
    public void ACardsTexts_FormNoLinks()
    {
        var card = TeamsCards.Card(new DecisionCard(
            "approval:a1b2c3", "Approval [x](https://evil.example)", [new CardField("Reason", "`[click](https://evil.example)`")], "Rejected: `[y](https://evil.example)`", []));

        var json = card.ToJsonString();
        Assert.DoesNotContain("](", json, StringComparison.Ordinal);
        Assert.Contains("[click] (https://evil.example)", json, StringComparison.Ordinal);
    }
}
