using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>The audit log in the <c>audit</c> table, append-only; a sequence numbers the entries in the order they were written.</summary>
internal sealed class PostgresAuditLog(PostgresDatabase db) : IAuditLog
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = (await db.CommandAsync($"""
            INSERT INTO {db.Schema}.audit (at, actor, conversation, app, release_id, command, outcome, detail)
            VALUES (@at, @actor, @conversation, @app, @release, @command, @outcome, @detail)
            """, cancellationToken).ConfigureAwait(false))
            .With("at", entry.At)
            .With("actor", entry.Actor)
            .With("conversation", entry.Conversation)
            .With("app", entry.App)
            .With("release", entry.ReleaseId)
            .With("command", entry.Command)
            .With("outcome", entry.Outcome.ToString())
            .With("detail", entry.Detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(string app, int limit, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync($"""
            SELECT at, actor, conversation, app, release_id, command, outcome, detail FROM {db.Schema}.audit
            WHERE app = @app ORDER BY seq DESC LIMIT @limit
            """, cancellationToken).ConfigureAwait(false))
            .With("app", app)
            .With("limit", Math.Max(limit, 0));
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetStringOrNull(3),
                reader.GetStringOrNull(4), reader.GetString(5), Enum.Parse<AuditOutcome>(reader.GetString(6)), reader.GetString(7)));
        }

        return entries;
    }
}
