using System.Globalization;
using ChatOpsRelease.Bot.Storage.Postgres;
using Npgsql;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// Release locks shared by every bot process on one PostgreSQL database: a session-level advisory lock per release,
/// held on a connection of its own (outside the pool) until disposed. Waiting is bounded by <c>lock_timeout</c>; should
/// the process die, its session ends and the server releases the lock.
/// </summary>
internal sealed class PostgresReleaseLocks(PostgresDatabase db) : IReleaseLocks
{
    public async Task<IAsyncDisposable> AcquireAsync(string releaseId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var (space, key) = db.LockKey("release", releaseId);
        await db.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await db.DedicatedSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // SET LOCAL ends with the transaction; the session-level lock taken inside it stays until unlocked.
            var milliseconds = (long)Math.Ceiling(Math.Min(timeout.TotalMilliseconds, int.MaxValue));
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                $"SET LOCAL lock_timeout = {milliseconds.ToString(CultureInfo.InvariantCulture)}; SET LOCAL statement_timeout = 0; SELECT pg_advisory_lock(@space, @key)",
                connection, transaction).With("space", space).With("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new Held(connection, space, key);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"Release {releaseId} stayed busy with another job for {timeout}.", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, int space, int key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, @key)", connection).With("space", space).With("key", key);
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is gone or going; the server releases its locks with it.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
