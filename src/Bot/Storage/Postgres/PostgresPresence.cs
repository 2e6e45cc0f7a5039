using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// This process's sign of life to the other bot processes: a session-level advisory lock, keyed by a random number
/// (<see cref="IdAsync"/>), held on a connection of its own for as long as the process runs. The server drops the lock
/// when the session ends, however the process ended, so another process can tell whether the owner of a piece of work
/// is still alive (<see cref="AliveSql"/>). A connection found broken is replaced and the same lock taken again.
/// </summary>
internal sealed class PostgresPresence(PostgresDatabase db, TimeProvider time) : IAsyncDisposable
{
    /// <summary>How long a held connection is trusted without asking the server.</summary>
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _space = db.LockKey("presence", string.Empty).Space;
    private NpgsqlConnection? _held;
    private long _checkedAtTicks;
    private int _id;

    /// <summary>
    /// SQL that is true when the process whose id is in column <paramref name="ownerColumn"/> still holds its lock;
    /// it needs the parameter <c>@presence</c> (<see cref="Space"/>).
    /// </summary>
    public static string AliveSql(string ownerColumn) => $"""
        EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid = @presence::oid AND l.objid = {ownerColumn}::oid)
        """;

    /// <summary>The first key of every presence lock in this schema.</summary>
    public int Space => _space;

    /// <summary>This process's id, once its lock is held.</summary>
    public async Task<int> IdAsync(CancellationToken cancellationToken)
    {
        if (_held is { FullState: System.Data.ConnectionState.Open } && !CheckDue())
        {
            return _id;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_held is not null && CheckDue() && !await AnswersAsync(_held, cancellationToken).ConfigureAwait(false))
            {
                await _held.DisposeAsync().ConfigureAwait(false);
                _held = null;
            }

            if (_held is null)
            {
                await db.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                _held = await db.DedicatedSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                while (_id == 0 || !await TryLockAsync(_held, _id, cancellationToken).ConfigureAwait(false))
                {
                    _id = Random.Shared.Next(1, int.MaxValue);
                }
            }

            Volatile.Write(ref _checkedAtTicks, time.GetUtcNow().UtcTicks);
            return _id;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private bool CheckDue() => time.GetUtcNow().UtcTicks - Volatile.Read(ref _checkedAtTicks) >= CheckEvery.Ticks;

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, int id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, @id)", connection).With("space", _space).With("id", id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<bool> AnswersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
