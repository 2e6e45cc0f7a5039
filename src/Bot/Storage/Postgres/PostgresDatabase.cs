using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// The bot's PostgreSQL database: a pooled data source for the stores, a second one without pooling for sessions that
/// hold a lock (closing such a connection really ends its session, so the server releases whatever it held), and
/// the schema, migrated once per process before the first connection is handed out.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private readonly TimeProvider _time;
    private volatile bool _migrated;
    private int _disposed;

    public PostgresDatabase(IOptions<StorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Settings = options.Value.Postgres;
        _time = time;
        var builder = new NpgsqlConnectionStringBuilder(Settings.ConnectionString) { PersistSecurityInfo = false };
        builder.ApplicationName ??= "chatops-release";
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        builder.Pooling = false;
        DedicatedSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Schema = $"\"{Settings.Schema}\"";
    }

    public PostgresOptions Settings { get; }

    /// <summary>The schema, quoted for SQL: <c>"chatops"</c>.</summary>
    public string Schema { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Connections that are closed for real when disposed (no pool): for holding advisory locks.</summary>
    public NpgsqlDataSource DedicatedSource { get; }

    /// <summary>A pooled connection to the migrated schema.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command on a pooled connection of its own (opened when it runs), against the migrated schema.</summary>
    public async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return DataSource.CreateCommand(sql);
    }

    /// <summary>
    /// Reads document <paramref name="id"/> of <paramref name="table"/> <c>FOR UPDATE</c>, lets <paramref name="change"/>
    /// modify it and writes it back with <paramref name="save"/> (its parameters set by <paramref name="columns"/>), in one
    /// transaction; throws what <paramref name="missing"/> makes when there is no such row.
    /// </summary>
    public async Task<T> UpdateDocumentAsync<TDocument, T>(
        string table, string id, string save, Func<NpgsqlCommand, TDocument, NpgsqlCommand> columns, Func<TDocument, T> change, Func<Exception> missing,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(missing);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var load = new NpgsqlCommand($"SELECT document FROM {table} WHERE id = @id FOR UPDATE", connection).With("id", id);
        var document = (await PostgresJson.ReadAllAsync<TDocument>(load, cancellationToken).ConfigureAwait(false)).FirstOrDefault() ?? throw missing();
        var result = change(document);
        await using var write = columns(new NpgsqlCommand(save, connection), document);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Creates and migrates the schema unless this process already did; a failed attempt is tried again on the next call.</summary>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await PostgresMigrator.MigrateAsync(this, _time, cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrating.Release();
        }
    }

    /// <summary>
    /// The two keys of an advisory lock on <paramref name="name"/> among the locks of <paramref name="purpose"/> in this
    /// schema (advisory locks are shared by the whole database, so the schema is part of the first key).
    /// </summary>
    public (int Space, int Key) LockKey(string purpose, string name) => (KeyOf($"{Settings.Schema}/{purpose}"), KeyOf(name));

    /// <summary>A stable, non-negative 32-bit key for a name (the same in every process).</summary>
    public static int KeyOf(string name) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0) & int.MaxValue;

    /// <summary>A sentence for a failure to reach the database: where it points and why, never the password.</summary>
    public string Unreachable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reason = exception is PostgresException postgres ? postgres.MessageText : exception.GetBaseException().Message;
        var password = Settings.Parse()?.Password;
        if (!string.IsNullOrEmpty(password))
        {
            reason = reason.Replace(password, "***", StringComparison.Ordinal);
        }

        return $"Storage:Postgres: the database at {Settings.Describe()} cannot be used: {reason.TrimEnd('.')}.";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await DataSource.DisposeAsync().ConfigureAwait(false);
        await DedicatedSource.DisposeAsync().ConfigureAwait(false);
        _migrating.Dispose();
    }
}
