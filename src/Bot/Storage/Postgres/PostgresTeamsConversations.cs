using ChatOpsRelease.Bot.Chat.Teams;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>Teams conversation references in the <c>teams_conversations</c> table; each change is one atomic statement.</summary>
internal sealed class PostgresTeamsConversations(PostgresDatabase db) : ITeamsConversations
{
    private const string Columns = "id, service_url, tenant_id, type, bot_id, greeted_at";

    public async Task<TeamsConversation> RememberAsync(TeamsConversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var command = (await db.CommandAsync($"""
            INSERT INTO {db.Schema}.teams_conversations AS t (id, service_url, tenant_id, type, bot_id) VALUES (@id, @url, @tenant, @type, @bot)
            ON CONFLICT (id) DO UPDATE SET service_url = excluded.service_url, tenant_id = COALESCE(excluded.tenant_id, t.tenant_id),
                type = COALESCE(excluded.type, t.type), bot_id = COALESCE(excluded.bot_id, t.bot_id)
            RETURNING {Columns}
            """, cancellationToken).ConfigureAwait(false))
            .With("id", conversation.Id)
            .With("url", conversation.ServiceUrl)
            .With("tenant", conversation.TenantId)
            .With("type", conversation.Type)
            .With("bot", conversation.BotId);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Teams conversation {conversation.Id} was not stored.");
    }

    public async Task<TeamsConversation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync($"SELECT {Columns} FROM {db.Schema}.teams_conversations WHERE id = @id", cancellationToken).ConfigureAwait(false))
            .With("id", id);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> MarkGreetedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync(
            $"UPDATE {db.Schema}.teams_conversations SET greeted_at = @at WHERE id = @id AND greeted_at IS NULL", cancellationToken).ConfigureAwait(false))
            .With("id", id)
            .With("at", at);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<TeamsConversation?> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new TeamsConversation(reader.GetString(0), reader.GetString(1), reader.GetStringOrNull(2), reader.GetStringOrNull(3),
                reader.GetStringOrNull(4), reader.GetInstantOrNull(5))
            : null;
    }
}
