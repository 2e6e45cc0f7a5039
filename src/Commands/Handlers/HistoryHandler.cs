using System.Text;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>history &lt;app&gt;</c>: the audit entries of one app, newest first; each command and the first line of its
/// answer cut short, so that long lines typed before cannot make the history unreadably long.
/// </summary>
public sealed class HistoryHandler(AppCatalog apps, IAuditLog audit, ReleaseSettings settings)
{
    private const int CommandLength = 80;
    private const int DetailLength = 160;

    public async Task<Outcome> HandleAsync(HistoryCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (apps.Find(command.App) is not { } app)
        {
            return Outcome.Refused(apps.Unknown(command.App));
        }

        var entries = await audit.RecentAsync(app.Name, settings.HistoryLimit, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return Outcome.Answered($"Nothing has been asked of {app.Name} yet.", app.Name);
        }

        var text = new StringBuilder($"History of {app.Name}, newest first (last {entries.Count}):");
        foreach (var entry in entries)
        {
            text.Append($"\n• {Texts.Time(entry.At)} {entry.Outcome.ToString().ToLowerInvariant()}: {Texts.Quote(Texts.Clip(entry.Command, CommandLength))} "
                + $"by {entry.Actor} in {entry.Conversation}");
            text.Append(" — ").Append(Texts.Clip(FirstLine(entry.Detail), DetailLength));
        }

        return Outcome.Answered(text.ToString(), app.Name);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
