using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Console;

/// <summary>Posts replies to the terminal; a job's outcome appears above the prompt.</summary>
internal sealed class ConsoleReplies(ConsoleIo io, ConsoleCharts charts, IOptions<ConsoleChatOptions> options) : IChatReplies
{
    public const string PlatformName = "console";

    public string Platform => PlatformName;

    public Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var chart = charts.Save(reply);
        io.WriteLines(chart is null ? Format(reply) : Format(reply) + "\n  " + chart, options.Value.Prompt);
        return Task.CompletedTask;
    }

    /// <summary>The terminal has no cards: every change is already told as a reply.</summary>
    public Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The terminal has no buttons: the card is written as text, ending with the commands that answer it.</summary>
    public Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        io.WriteLines(Format(card), options.Value.Prompt);
        return Task.FromResult<string?>(null);
    }

    /// <summary>A terminal line cannot be redrawn; the decision is told as a reply as well.</summary>
    public Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A decision card as terminal text: the title, each field indented, the context, then the prompt.</summary>
    public static string Format(DecisionCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var lines = new List<string> { card.Title };
        lines.AddRange(card.Fields.Select(f => $"  {f.Label}: {f.Value}"));
        lines.Add("  " + card.Context);
        if (card.Prompt.Length > 0)
        {
            lines.Add("  " + card.Prompt);
        }

        return Plain(string.Join('\n', lines));
    }

    /// <summary>A reply as terminal text: a mark for job outcomes and refusals, each further line indented.</summary>
    public static string Format(Reply reply)
    {
        var mark = reply.Kind switch
        {
            ReplyKind.Success => "✓ ",
            ReplyKind.Failure => "✗ ",
            ReplyKind.Refused => "✗ ",
            _ => string.Empty,
        };
        return mark + Plain(reply.Text).Replace("\n", "\n  ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Text the terminal shows as it is: no control character but the line break (an escape sequence could recolour
    /// or rewrite the screen) and no invisible formatting character (a direction override could reorder what is seen).
    /// </summary>
    public static string Plain(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c == '\n' ? c
                    : char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? ' '
                    : c;
            }
        });
}
