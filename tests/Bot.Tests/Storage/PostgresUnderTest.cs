using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>A fresh database; the databases and sessions opened on it are closed with it.</summary>
internal sealed class PostgresUnderTest(PostgresTestDatabase database) : StorageUnderTest
{
    private readonly List<IAsyncDisposable> _opened = [];

    public string ConnectionString => database.ConnectionString;

    public static async Task<PostgresUnderTest> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());

    /// <summary>The database as a process configured with <paramref name="schema"/> opens it.</summary>
    public PostgresDatabase OpenDatabase(TimeProvider time, string schema = "chatops") =>
        Track(new PostgresDatabase(
            Options.Create(new StorageOptions { Provider = "postgres", Postgres = new PostgresOptions { ConnectionString = ConnectionString, Schema = schema } }), time));

    public override Task<StorageSession> OpenAsync(TimeProvider time)
    {
        var db = OpenDatabase(time);
        var presence = new PostgresPresence(db, time);
        return Task.FromResult(Track(new StorageSession
        {
            Releases = new PostgresReleaseStore(db),
            Audit = new PostgresAuditLog(db),
            Freezes = new PostgresFreezeStore(db),
            FlagChanges = new PostgresFlagChangeStore(db),
            Inbox = new PostgresChatInbox(db, presence, time),
            Teams = new PostgresTeamsConversations(db),
            Close = async () =>
            {
                var id = await presence.IdAsync(default);
                await presence.DisposeAsync();
                await db.DisposeAsync();
                await GoneAsync(presence.Space, id);
            },
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> opened;
        lock (_opened)
        {
            opened = [.. _opened];
        }

        opened.Reverse();
        foreach (var each in opened)
        {
            await each.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    /// <summary>Ends every session on the database, as the server does when the processes that held them are killed.</summary>
    public async Task TerminateSessionsAsync()
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand(
            "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        await command.ExecuteScalarAsync();
    }

    private T Track<T>(T opened)
        where T : IAsyncDisposable
    {
        lock (_opened)
        {
            _opened.Add(opened);
        }

        return opened;
    }

    /// <summary>
    /// Waits (boundedly) until the server has ended a closed session and dropped its presence lock, as it soon does
    /// after a process ends: a test that starts the next "process" at once would otherwise race the server.
    /// </summary>
    private async Task GoneAsync(int space, int id)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        for (var attempt = 0; attempt < 500; attempt++)
        {
            await using var command = source.CreateCommand($"SELECT {PostgresPresence.AliveSql("@id")}").With("presence", space).With("id", id);
            if (!(bool)(await command.ExecuteScalarAsync())!)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The session holding presence {id} did not end.");
    }
}

/// <summary>A test on a fresh PostgreSQL database of its own (<see cref="Storage"/>), dropped after it.</summary>
public abstract class PostgresTest : Xunit.IAsyncLifetime
{
    private PostgresUnderTest? _storage;

    private protected PostgresUnderTest Storage => _storage ?? throw new InvalidOperationException("The database is not made yet.");

    public async Task InitializeAsync() => _storage = await PostgresUnderTest.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}
