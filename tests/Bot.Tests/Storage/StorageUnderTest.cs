using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>The stores of one provider as one process opened them; disposing closes them (as a process that stops).</summary>
internal sealed class StorageSession : IAsyncDisposable
{
    public required IReleaseStore Releases { get; init; }

    public required IAuditLog Audit { get; init; }

    public required IFreezeStore Freezes { get; init; }

    public required IChatInbox Inbox { get; init; }

    public required ITeamsConversations Teams { get; init; }

    public required Func<ValueTask> Close { get; init; }

    private int _closed;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _closed, 1) == 0 ? Close() : ValueTask.CompletedTask;
}

/// <summary>A storage provider in a place of its own for one test: a temporary folder, or a fresh database.</summary>
internal abstract class StorageUnderTest : IAsyncDisposable
{
    /// <summary>Opens the stores, as a bot process starting (again, or beside another one) would.</summary>
    public abstract Task<StorageSession> OpenAsync(TimeProvider time);

    public abstract ValueTask DisposeAsync();
}

internal sealed class LiteDbUnderTest : StorageUnderTest
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-litedb-").FullName;

    public override Task<StorageSession> OpenAsync(TimeProvider time)
    {
        var options = Options.Create(new StorageOptions { DataDirectory = _folder });
        var db = new LiteDbDatabase(options);
        var inbox = new LiteDbChatInbox(options, time);
        return Task.FromResult(new StorageSession
        {
            Releases = new LiteDbReleaseStore(db),
            Audit = new LiteDbAuditLog(db),
            Freezes = new LiteDbFreezeStore(db),
            Inbox = inbox,
            Teams = new LiteDbTeamsConversations(db),
            Close = async () =>
            {
                await inbox.DisposeAsync();
                db.Dispose();
            },
        });
    }

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

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

/// <summary>
/// The life of a contract test: a provider in a place of its own, opened once before the test (<see cref="Session"/>),
/// and <see cref="ReopenAsync"/> for what must outlast a restart.
/// </summary>
public abstract class StorageContract : Xunit.IAsyncLifetime
{
    private StorageUnderTest? _storage;
    private StorageSession? _session;

    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    protected Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(Now);

    private protected StorageSession Session => _session ?? throw new InvalidOperationException("The storage is not open.");

    private protected StorageUnderTest Storage => _storage ?? throw new InvalidOperationException("The storage is not open.");

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        _session = await _storage.OpenAsync(Time);
    }

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    /// <summary>Closes the stores and opens them again, as a bot that restarts.</summary>
    protected async Task ReopenAsync()
    {
        await Session.DisposeAsync();
        _session = null;
        _session = await Storage.OpenAsync(Time);
    }

    private protected abstract Task<StorageUnderTest> CreateStorageAsync();
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
