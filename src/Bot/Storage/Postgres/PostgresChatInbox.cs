using System.Text.Json;
using ChatOpsRelease.Commands.Ports;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// The chat inbox shared by every bot process, in the <c>inbox</c> table. The delivery id is the primary key, so a
/// delivery that reaches two processes (a retry, Socket Mode connections of two replicas) is recorded — and acted on —
/// once. Each delivery has an owner, the process that recorded it (<see cref="PostgresPresence"/>); at start a process
/// takes over only the unfinished deliveries whose owner is gone, each claimed by one process alone.
/// </summary>
internal sealed class PostgresChatInbox(PostgresDatabase db, PostgresPresence presence, TimeProvider time) : IChatInbox
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private string Inbox => $"{db.Schema}.inbox";

    public async Task<bool> TryAddAsync(InboundDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var owner = await presence.IdAsync(cancellationToken).ConfigureAwait(false);
        await using var command = (await db.CommandAsync($"""
            INSERT INTO {Inbox} (id, platform, source, request, received_at, response_url, owner)
            VALUES (@id, @platform, @source, @request, @received, @url, @owner)
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken).ConfigureAwait(false))
            .With("id", delivery.Id)
            .With("platform", delivery.Platform)
            .With("source", delivery.Source)
            .WithJson("request", JsonSerializer.Serialize(delivery.Request))
            .With("received", delivery.ReceivedAt)
            .With("url", delivery.ResponseUrl)
            .With("owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task CompleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync($"UPDATE {Inbox} SET completed_at = @now WHERE id = @id", cancellationToken).ConfigureAwait(false))
            .With("id", id)
            .With("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This process's unfinished deliveries of the platform, and those it takes over from processes that are gone; oldest first.</summary>
    public async Task<IReadOnlyList<InboundDelivery>> PendingAsync(string platform, CancellationToken cancellationToken)
    {
        var owner = await presence.IdAsync(cancellationToken).ConfigureAwait(false);
        await using (var forget = (await db.CommandAsync($"DELETE FROM {Inbox} WHERE completed_at < @horizon", cancellationToken).ConfigureAwait(false))
            .With("horizon", time.GetUtcNow() - Retention))
        {
            await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var claim = (await db.CommandAsync($"""
            UPDATE {Inbox} AS i SET owner = @owner
            WHERE i.id IN (
                SELECT c.id FROM {Inbox} c
                WHERE c.platform = @platform AND c.completed_at IS NULL
                    AND (c.owner IS NULL OR c.owner = @owner OR NOT {PostgresPresence.AliveSql("c.owner")})
                FOR UPDATE OF c SKIP LOCKED)
            RETURNING i.id, i.platform, i.source, i.request, i.received_at, i.response_url
            """, cancellationToken).ConfigureAwait(false))
            .With("owner", owner)
            .With("platform", platform)
            .With("presence", presence.Space);
        var pending = new List<InboundDelivery>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(Read(reader));
        }

        return pending.OrderBy(d => d.ReceivedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    private static InboundDelivery Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        JsonSerializer.Deserialize<ChatRequest>(reader.GetString(3))!,
        reader.GetFieldValue<DateTimeOffset>(4))
    {
        ResponseUrl = reader.GetStringOrNull(5),
    };
}
