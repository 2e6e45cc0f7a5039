using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Commands.Ports;
using Npgsql;

namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>
/// The outbox shared by every bot process, in the <c>outbox</c> table. A process takes the replies it will post with a
/// lease (rows locked and skipped by the others while one takes them), so two replicas never post the same reply; a
/// lease left by a process that died runs out and another process posts the reply.
/// </summary>
internal sealed class PostgresChatOutbox(PostgresDatabase db, TimeProvider time) : IChatOutbox
{
    /// <summary>How long a taken reply is left to the process that took it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private string Outbox => $"{db.Schema}.outbox";

    public async Task AddAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var command = (await db.CommandAsync($"""
            INSERT INTO {Outbox} (id, conversation, platform, channel, thread, kind, text, image_file, image_png, image_alt, image_title, created_at, next_attempt_at)
            VALUES (@id, @conversation, @platform, @channel, @thread, @kind, @text, @file, @png, @alt, @title, @created, @created)
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken).ConfigureAwait(false))
            .With("id", item.Id).With("conversation", item.ConversationKey()).With("platform", item.Platform).With("channel", item.Channel)
            .With("thread", item.Thread).With("kind", item.Kind.ToString()).With("text", item.Text).With("file", item.ImageFileName)
            .With("png", item.ImagePng).With("alt", item.ImageAltText).With("title", item.ImageTitle)
            .With("created", new DateTimeOffset(DateTime.SpecifyKind(item.CreatedAt, DateTimeKind.Utc)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTime now, int most, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        await using var command = (await db.CommandAsync($"""
            UPDATE {Outbox} SET lease_until = @lease
            WHERE id IN (
                SELECT o.id FROM {Outbox} o
                WHERE o.finished_at IS NULL AND o.next_attempt_at <= @now AND (o.lease_until IS NULL OR o.lease_until < @now)
                  AND NOT EXISTS (SELECT 1 FROM {Outbox} e WHERE e.conversation = o.conversation AND e.finished_at IS NULL AND e.seq < o.seq)
                ORDER BY o.seq
                LIMIT @most
                FOR UPDATE SKIP LOCKED)
            RETURNING id, seq, platform, channel, thread, kind, text, image_file, image_png, image_alt, image_title, created_at, attempts, next_attempt_at
            """, cancellationToken).ConfigureAwait(false))
            .With("now", at).With("lease", at + Lease).With("most", most);
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }

        return items.OrderBy(i => i.Sequence).ToList();
    }

    public async Task RecordAsync(string id, bool posted, DateTime? nextAttempt, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sql = posted || nextAttempt is null
            ? $"UPDATE {Outbox} SET attempts = attempts + 1, last_error = @error, finished_at = @now, lease_until = NULL WHERE id = @id"
            : $"UPDATE {Outbox} SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next, lease_until = NULL WHERE id = @id";
        await using (var command = (await db.CommandAsync(sql, cancellationToken).ConfigureAwait(false))
            .With("id", id).With("error", error).With("now", now)
            .With("next", nextAttempt is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var forget = (await db.CommandAsync($"DELETE FROM {Outbox} WHERE finished_at < @horizon", cancellationToken).ConfigureAwait(false))
            .With("horizon", now - Retention);
        await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static OutboxItem Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Sequence = reader.GetInt64(1),
        Platform = reader.GetString(2),
        Channel = reader.GetString(3),
        Thread = reader.GetStringOrNull(4),
        Kind = Enum.Parse<ReplyKind>(reader.GetString(5)),
        Text = reader.GetString(6),
        ImageFileName = reader.GetStringOrNull(7),
        ImagePng = reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
        ImageAltText = reader.GetStringOrNull(9),
        ImageTitle = reader.GetStringOrNull(10),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(11).UtcDateTime,
        Attempts = reader.GetInt32(12),
        NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(13).UtcDateTime,
    };
}
