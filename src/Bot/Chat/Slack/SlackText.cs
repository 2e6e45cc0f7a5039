using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>Replies as Slack text (mrkdwn): a mark for outcomes and refusals; Slack's control characters escaped.</summary>
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

    /// <summary>Slack's mention of a user.</summary>
    public static string Mention(string userId) => $"<@{userId}>";
}
