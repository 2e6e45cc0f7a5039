using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>Replies as Teams message activities (markdown text, a mark for outcomes and refusals).</summary>
internal static class TeamsText
{
    public static string Format(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var mark = reply.Kind switch
        {
            ReplyKind.Success => "✅ ",
            ReplyKind.Failure => "❌ ",
            ReplyKind.Refused => "⛔ ",
            _ => string.Empty,
        };

        // Teams reads single line breaks as spaces in markdown; two keep the reply's lines apart.
        return mark + reply.Text.Replace("\n", "\n\n", StringComparison.Ordinal);
    }

    public static JsonObject Message(string text) => new() { ["type"] = "message", ["textFormat"] = "markdown", ["text"] = text };

    /// <summary>A message addressed to a person by name, e.g. "**Alice**: …".</summary>
    public static JsonObject MessageTo(string? name, string text) =>
        Message(string.IsNullOrWhiteSpace(name) ? text : $"**{name}**: {text}");
}
