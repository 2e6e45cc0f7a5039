using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>The audit log, counting each entry it is given by verb and outcome — even when the store fails to keep it.</summary>
internal sealed class MeteredAuditLog(IAuditLog inner, BotMetrics metrics) : IAuditLog
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await inner.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            metrics.Command(VerbOf(entry), entry.Outcome);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(string app, int limit, CancellationToken cancellationToken) =>
        inner.RecentAsync(app, limit, cancellationToken);

    /// <summary>
    /// The command's verb (aliases under their verb's name); <c>step</c> for a queued step reaching the cluster;
    /// <c>automatic</c> for the bot's own decisions; <c>freeze_override</c> for the note of a passed freeze;
    /// <c>unknown</c> for anything else, so a label never carries what someone typed.
    /// </summary>
    public static string VerbOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Actor.StartsWith("bot (", StringComparison.Ordinal))
        {
            return entry.Command.StartsWith("step ", StringComparison.Ordinal) ? "step" : "automatic";
        }

        if (entry.Command == "freeze override")
        {
            return "freeze_override";
        }

        var first = entry.Command.AsSpan().TrimStart();
        var end = first.IndexOfAny(' ', '\t', '\n');
        var word = (end < 0 ? first : first[..end]).ToString();
        return Verbs.Find(word)?.Name ?? "unknown";
    }
}
