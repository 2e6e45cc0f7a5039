using ChatOpsRelease.Commands.Ports;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// Flag changes in the <c>flag_changes</c> table: each a <c>jsonb</c> document, with its id, app, flag, state and when it
/// was asked for as columns. An update reads the row <c>FOR UPDATE</c> and writes it back in the same transaction.
/// </summary>
internal sealed class PostgresFlagChangeStore(PostgresDatabase db) : IFlagChangeStore
{
    private string FlagChanges => $"{db.Schema}.flag_changes";

    /// <summary>Stores the change; when one with its id is stored already (a retried command), that one is kept as it is.</summary>
    public async Task AddAsync(FlagChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrEmpty(change.Id);
        await using var command = Columns(await db.CommandAsync($"""
            INSERT INTO {FlagChanges} (id, app, flag, state, requested_at, document) VALUES (@id, @app, @flag, @state, @requested, @document)
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken).ConfigureAwait(false), change);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<FlagChange?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync($"SELECT document FROM {FlagChanges} WHERE id = @id", cancellationToken).ConfigureAwait(false))
            .With("id", id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public Task<T> UpdateAsync<T>(string id, Func<FlagChange, T> update, CancellationToken cancellationToken) =>
        db.UpdateDocumentAsync(FlagChanges, id, $"UPDATE {FlagChanges} SET app = @app, flag = @flag, state = @state, requested_at = @requested, document = @document WHERE id = @id",
            Columns, update, () => new KeyNotFoundException($"Flag change {id} does not exist."), cancellationToken);

    public async Task<IReadOnlyList<FlagChange>> RecentAsync(string app, string? flag, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var command = (await db.CommandAsync($"""
            SELECT document FROM {FlagChanges} WHERE app = @app AND (@flag::text IS NULL OR lower(flag) = lower(@flag::text))
            ORDER BY requested_at DESC, id DESC LIMIT @limit
            """, cancellationToken).ConfigureAwait(false))
            .With("app", app)
            .With("flag", flag)
            .With("limit", limit);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FlagChange>> AwaitingApprovalAsync(CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync($"""
            SELECT document FROM {FlagChanges} WHERE state = @state AND document->'Approval'->>'State' = 'Pending'
            ORDER BY requested_at, id
            """, cancellationToken).ConfigureAwait(false))
            .With("state", nameof(FlagChangeState.AwaitingApproval));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand Columns(NpgsqlCommand command, FlagChange change) => command
        .With("id", change.Id)
        .With("app", change.App)
        .With("flag", change.Flag)
        .With("state", change.State.ToString())
        .With("requested", change.RequestedAt)
        .WithJson("document", PostgresJson.Write(change));

    private static Task<List<FlagChange>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        PostgresJson.ReadAllAsync<FlagChange>(command, cancellationToken);
}
