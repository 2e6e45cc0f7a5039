using ChatOpsRelease.Bot.Storage.Postgres;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// Hangfire's storage in the bot's PostgreSQL database, in a schema of its own (<see cref="PostgresOptions.JobsSchema"/>).
/// Hangfire's installer is not safe for two processes at once, so it runs here under an advisory lock, and each
/// replica's Hangfire then only uses the schema. Every replica's server takes jobs from the one queue: a job runs once.
/// </summary>
internal static class PostgresJobStorage
{
    public static JobStorage Create(PostgresDatabase db, JobsOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(jobs);
        var schema = db.Settings.JobsSchema;
        try
        {
            Install(db, schema);
        }
        catch (Exception ex) when (PostgresStartup.IsUnreachable(ex))
        {
            throw PostgresStartup.Problem(db, ex);
        }

        return new PostgreSqlStorage(new Connections(db.DataSource), new PostgreSqlStorageOptions
        {
            SchemaName = schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = jobs.QueuePollInterval,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
        });
    }

    private static void Install(PostgresDatabase db, string schema)
    {
        var (space, key) = db.LockKey("migrations", schema);
        using var connection = db.DedicatedSource.OpenConnection();
        using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@space, @key)", connection).With("space", space).With("key", key))
        {
            command.ExecuteNonQuery();
        }

        PostgreSqlObjectsInstaller.Install(connection, schema);
    }

    /// <summary>Hangfire's connections, from the bot's pool.</summary>
    private sealed class Connections(NpgsqlDataSource source) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => source.CreateConnection();
    }
}
