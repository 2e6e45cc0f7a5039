using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// Replies as Teams message activities (markdown text, a mark for outcomes and refusals). Outside code spans, text from
/// people and the cluster cannot form HTML, a mention (<c>&lt;at&gt;</c>) or a link: &amp;, &lt; and &gt; are
/// written as entities and <c>[text](url)</c> loses its meaning. Inside code spans markdown shows text as it is, and
/// the core keeps back-quotes out of what people typed, so a span cannot be closed early.
/// </summary>
internal static class TeamsText
{
    /// <summary>A reply as message markdown.</summary>
    public static string Format(Reply reply) => Mark(reply) + Paragraphs(Escape(reply.Text));

    /// <summary>A reply as the text of an Adaptive Card (a chart's caption).</summary>
    public static string FormatForCard(Reply reply) => Mark(reply) + Paragraphs(CardText(reply.Text));

    /// <summary>Markdown whose code spans are kept and whose other text shows as it is (a back-quote without a partner opens nothing).</summary>
    public static string Escape(string markdown)
    {
        var text = new StringBuilder(markdown.Length);
        var unpaired = markdown.Count(c => c == '`') % 2 == 1 ? markdown.LastIndexOf('`') : -1;
        var inCode = false;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '`' && i != unpaired)
            {
                inCode = !inCode;
                text.Append(c);
            }
            else if (inCode)
            {
                text.Append(c);
            }
            else
            {
                text.Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '`' => "'",
                    _ => c.ToString(),
                });
                if (c == ']' && i + 1 < markdown.Length && markdown[i + 1] == '(')
                {
                    text.Append(' '); // "[text](url)" is a link; "[text] (url)" is not
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Text for an Adaptive Card (which renders no HTML, but reads a subset of markdown): <c>[text](url)</c> loses its
    /// meaning, so that nothing typed becomes a link.
    /// </summary>
    public static string CardText(string text) => text.Replace("](", "] (", StringComparison.Ordinal);

    /// <summary>A line a person typed, repeated as a code span: made readable and unable to close the span.</summary>
    public static string Typed(string text) => $"`{CommandLine.Shown(text)}`";

    public static JsonObject Message(string text) => new() { ["type"] = "message", ["textFormat"] = "markdown", ["text"] = text };

    /// <summary>A message addressed to a person by name, e.g. "**Alice**: …"; markup in the name shows as it is.</summary>
    public static JsonObject MessageTo(string? name, string text) =>
        Message(string.IsNullOrWhiteSpace(name) ? text : $"**{Name(name)}**: {text}");

    private static string Mark(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Kind switch
        {
            ReplyKind.Success => "✅ ",
            ReplyKind.Failure => "❌ ",
            ReplyKind.Refused => "⛔ ",
            _ => string.Empty,
        };
    }

    /// <summary>Teams reads single line breaks as spaces in markdown; two keep the reply's lines apart.</summary>
    private static string Paragraphs(string text) => text.Replace("\n", "\n\n", StringComparison.Ordinal);

    /// <summary>A display name for bold text: escaped, without the characters that would end the bold or open a span.</summary>
    private static string Name(string name) =>
        Escape(new string([.. name.Where(c => c is not ('*' or '`' or '_') && !char.IsControl(c))]));
}
