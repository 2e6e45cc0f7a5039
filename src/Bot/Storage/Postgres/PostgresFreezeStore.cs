using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>Freezes declared in chat, in the <c>freezes</c> table: each a <c>jsonb</c> document, with its scope and time as columns.</summary>
internal sealed class PostgresFreezeStore(PostgresDatabase db) : IFreezeStore
{
    /// <summary>Stores the freeze; one with the same id (a retried command) is replaced, not doubled.</summary>
    public async Task AddAsync(Freeze freeze, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(freeze);
        ArgumentException.ThrowIfNullOrEmpty(freeze.Id);
        await using var command = (await db.CommandAsync($"""
            INSERT INTO {db.Schema}.freezes (id, scope, at, document) VALUES (@id, @scope, @at, @document)
            ON CONFLICT (id) DO UPDATE SET scope = excluded.scope, at = excluded.at, document = excluded.document
            """, cancellationToken).ConfigureAwait(false))
            .With("id", freeze.Id)
            .With("scope", freeze.Scope)
            .With("at", freeze.At)
            .WithJson("document", PostgresJson.Write(freeze));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RemoveAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        await using var command = (await db.CommandAsync($"DELETE FROM {db.Schema}.freezes WHERE scope = @scope", cancellationToken).ConfigureAwait(false))
            .With("scope", scope);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Freeze>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = await db.CommandAsync($"SELECT document FROM {db.Schema}.freezes ORDER BY at, id", cancellationToken).ConfigureAwait(false);
        return await PostgresJson.ReadAllAsync<Freeze>(command, cancellationToken).ConfigureAwait(false);
    }
}
