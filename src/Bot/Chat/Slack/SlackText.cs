using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Text for Slack (mrkdwn): a mark for outcomes and refusals, and Slack's control characters escaped in everything
/// the bot sends, so that no text from people or the cluster forms a mention, a channel ping or a link.
/// </summary>
internal static class SlackText
{
    public static string Format(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var mark = reply.Kind switch
        {
            ReplyKind.Success => ":white_check_mark: ",
            ReplyKind.Failure => ":x: ",
            ReplyKind.Refused => ":no_entry: ",
            _ => string.Empty,
        };
        return mark + Escape(reply.Text);
    }

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup; text from people and the cluster must not be.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>What Slack sends as typed text has &amp;, &lt; and &gt; escaped; this is the text as the person typed it.</summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>A line a person typed, repeated as a code span: made readable, escaped, and unable to close the span.</summary>
    public static string Typed(string text) => $"`{Escape(CommandLine.Shown(text))}`";

    /// <summary>Escaped text cut to <paramref name="length"/> characters (an ellipsis included), never in the middle of an escape.</summary>
    public static string Limit(string escaped, int length)
    {
        if (escaped.Length <= length)
        {
            return escaped;
        }

        var cut = length - 1;
        var amp = escaped.LastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && escaped.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }

        return escaped[..cut] + "…";
    }

    /// <summary>Slack's mention of a user; anything that is not a Slack user id is written as text, never as markup.</summary>
    public static string Mention(string userId) =>
        userId.Length is > 0 and <= 32 && userId.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)) ? $"<@{userId}>" : Escape(userId);
}
