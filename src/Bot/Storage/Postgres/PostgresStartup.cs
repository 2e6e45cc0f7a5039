using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// Migrates the schema when the bot starts, before anything reads it; a database that cannot be reached or used stops
/// the start with a sentence saying where it points and why (never the password).
/// </summary>
internal sealed class PostgresStartup(PostgresDatabase db) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Problem(db, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether <paramref name="exception"/> says the database cannot be reached or used (not a bug of the bot's).</summary>
    public static bool IsUnreachable(Exception exception) => exception is NpgsqlException or SocketException or TimeoutException;

    /// <summary>The start-up problem for a database that cannot be reached, reported like a configuration mistake.</summary>
    public static OptionsValidationException Problem(PostgresDatabase db, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), [db.Unreachable(exception)]);
    }
}
