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
        return mark + reply.Text.Replace("\n", "\n  ", StringComparison.Ordinal);
    }
}
