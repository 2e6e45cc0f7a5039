using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>The stores of one provider as one process opened them; disposing closes them (as a process that stops).</summary>
internal sealed class StorageSession : IAsyncDisposable
{
    public required IReleaseStore Releases { get; init; }

    public required IAuditLog Audit { get; init; }

    public required IFreezeStore Freezes { get; init; }

    public required IFlagChangeStore FlagChanges { get; init; }

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
            FlagChanges = new LiteDbFlagChangeStore(db),
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
