using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Slack;

/// <summary>What people typed reaches Slack as text: no mention, channel ping or link forms, and no code span is closed early.</summary>
public sealed class SlackTextTests
{
    private static readonly DecisionCard Hostile = new(
        "approval:a1b2c3",
        "Approval a1b2c3: checkout <!channel>",
        [new CardField("Asked by", "<@U0EVE|eve> & co"), new CardField("Reason", "`<!here> *boom* <https://evil.example|click>`")],
        "Rejected by bob: `<!subteam^S1|@oncall>`",
        [new CardAction("approve", "Approve", "approve a1b2c3", CardActionStyle.Primary)]);

    [Fact]
    public void AReply_HasEveryAngleBracketAndAmpersandEscaped()
    {
        var text = SlackText.Format(Reply.Accepted("Frozen: checkout until `unfreeze checkout` (`<!channel> *boom* & <https://evil.example|click>`)."));

        Assert.Equal("Frozen: checkout until `unfreeze checkout` (`&lt;!channel&gt; *boom* &amp; &lt;https://evil.example|click&gt;`).", text);
    }

    [Fact]
    public void ATypedLine_IsRepeatedAsOneCodeSpan_ThatItCannotClose()
    {
        Assert.Equal("`reject a1b2c3 &lt;https://evil.example|click&gt; *x*`", SlackText.Typed("reject a1b2c3 <https://evil.example|click> `*x*`"));
        Assert.Equal("`status " + new string('x', 73) + "… (2,007 characters)`", SlackText.Typed("status " + new string('x', 2000)));
    }

    [Fact]
    public void TextSlackSent_IsReadAsTyped_AndOnlySlackUserIdsBecomeMentions()
    {
        Assert.Equal("freeze checkout <!channel> a < b && c &lt;", SlackText.Unescape("freeze checkout <!channel> a &lt; b &amp;&amp; c &amp;lt;"));
        Assert.Equal("<@U024BE7LH>", SlackText.Mention("U024BE7LH"));
        Assert.Equal("&lt;!channel&gt;", SlackText.Mention("<!channel>"));
    }

    [Fact]
    public void ACardsFieldsContextAndNotification_AreEscaped()
    {
        var blocks = SlackBlocks.Card(Hostile);

        var mrkdwn = blocks.SelectMany(b => b!["fields"]?.AsArray() ?? b["elements"]?.AsArray() ?? [])
            .Where(t => (string?)t!["type"] == "mrkdwn").Select(t => (string)t!["text"]!).ToList();
        Assert.Equal(["*Asked by*\n&lt;@U0EVE|eve&gt; &amp; co", "*Reason*\n`&lt;!here&gt; *boom* &lt;https://evil.example|click&gt;`", "Rejected by bob: `&lt;!subteam^S1|@oncall&gt;`"], mrkdwn);
        Assert.Equal("Approval a1b2c3: checkout &lt;!channel&gt;", SlackBlocks.Fallback(Hostile));
        Assert.Equal("Approval a1b2c3: checkout <!channel>", (string?)blocks[0]!["text"]!["text"]); // plain_text: shown as it is
    }

    [Fact]
    public void CuttingEscapedText_NeverLeavesHalfAnEscape()
    {
        Assert.Equal("a&lt;…", SlackText.Limit("a&lt;&lt;&lt;", 7));
        Assert.Equal("a…", SlackText.Limit("a&lt;&lt;&lt;", 5));
        Assert.Equal("abcd…", SlackText.Limit("abcdefgh", 5));
    }
}
