using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// Brings the schema up to date: under a transaction-scoped advisory lock (so replicas starting together take turns),
/// creates the schema and its version table when missing, and applies every migration the database has not recorded,
/// all in one transaction. A second run finds nothing to do.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>Applies the missing migrations; returns the versions it applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(PostgresDatabase db, TimeProvider time, CancellationToken cancellationToken)
    {
        var schema = db.Schema;
        await using var connection = await db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (space, key) = db.LockKey("migrations", db.Settings.Schema);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@space, @key)", cancellationToken, ("space", space), ("key", key)).ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL)
            """, cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand($"SELECT version FROM {schema}.schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var missing = PostgresMigrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version).ToList();
        foreach (var migration in missing)
        {
            await ExecuteAsync(connection, migration.Sql.Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"INSERT INTO {schema}.schema_migrations (version, description, applied_at) VALUES (@version, @description, @at)",
                cancellationToken, ("version", migration.Version), ("description", migration.Description), ("at", time.GetUtcNow())).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return missing.Select(m => m.Version).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
