using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// Releases in the <c>releases</c> table: each one a <c>jsonb</c> document, with its id, app, whether it is active and
/// when it began as columns. At most one active release per app is a unique index, so creating one is atomic across
/// every bot process; an update reads the row <c>FOR UPDATE</c> and writes it back in the same transaction.
/// </summary>
internal sealed class PostgresReleaseStore(PostgresDatabase db) : IReleaseStore
{
    private string Releases => $"{db.Schema}.releases";

    public async Task<Release?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync($"SELECT document FROM {Releases} WHERE id = @id", cancellationToken).ConfigureAwait(false))
            .With("id", id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Release?> LatestAsync(string app, CancellationToken cancellationToken)
    {
        await using var command = (await db.CommandAsync(
            $"SELECT document FROM {Releases} WHERE app = @app ORDER BY active DESC, created_at DESC LIMIT 1", cancellationToken).ConfigureAwait(false))
            .With("app", app);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Release>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var command = await db.CommandAsync($"SELECT document FROM {Releases} WHERE active ORDER BY created_at, id", cancellationToken).ConfigureAwait(false);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Release?> TryCreateAsync(Release release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        while (true)
        {
            await using (var find = (await db.CommandAsync($"SELECT document FROM {Releases} WHERE app = @app AND active", cancellationToken).ConfigureAwait(false))
                .With("app", release.App))
            {
                if ((await ReadAsync(find, cancellationToken).ConfigureAwait(false)).FirstOrDefault() is { } existing)
                {
                    return existing;
                }
            }

            // Another process may have started one since: then nothing is inserted, and the next round returns it.
            await using var insert = Columns(await db.CommandAsync($"""
                INSERT INTO {Releases} (id, app, active, created_at, document) VALUES (@id, @app, @active, @created, @document)
                ON CONFLICT (app) WHERE active DO NOTHING
                """, cancellationToken).ConfigureAwait(false), release);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return null;
            }
        }
    }

    public Task<T> UpdateAsync<T>(string id, Func<Release, T> change, CancellationToken cancellationToken) =>
        db.UpdateDocumentAsync(Releases, id, $"UPDATE {Releases} SET app = @app, active = @active, created_at = @created, document = @document WHERE id = @id",
            Columns, change, () => new InvalidOperationException($"Release {id} does not exist."), cancellationToken);

    private static NpgsqlCommand Columns(NpgsqlCommand command, Release release) => command
        .With("id", release.Id)
        .With("app", release.App)
        .With("active", release.IsActive)
        .With("created", release.CreatedAt)
        .WithJson("document", PostgresJson.Write(release));

    private static Task<List<Release>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        PostgresJson.ReadAllAsync<Release>(command, cancellationToken);
}
