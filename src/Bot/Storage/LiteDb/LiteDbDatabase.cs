using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>
/// An embedded database file in the data folder — <c>releases.db</c> for releases, flag changes and the audit log, <c>inbox.db</c>
/// for chat deliveries (apart, so acknowledging a burst of deliveries never waits behind release work) — opened in shared mode (so a second
/// process cannot silently lose writes). LiteDB's shared mode guards the file with a named mutex that must be
/// released by the thread that took it, which concurrent use from several threads of one process breaks; so
/// every use goes through <see cref="RunAsync{T}"/> or <see cref="RunInTransactionAsync{T}"/>, one at a time.
/// </summary>
internal sealed class LiteDbDatabase : IDisposable
{
    public const string Releases = "releases";
    public const string Audit = "audit";
    public const string Inbox = "inbox";
    public const string FlagChanges = "flag_changes";

    private readonly LiteDatabase _database;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LiteDbDatabase(IOptions<StorageOptions> options)
        : this(options, "releases.db", PrepareReleases)
    {
    }

    /// <summary>Opens <paramref name="fileName"/> in the data folder; <paramref name="prepare"/> creates its indexes.</summary>
    public LiteDbDatabase(IOptions<StorageOptions> options, string fileName, Action<LiteDatabase> prepare)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prepare);
        var folder = options.Value.FullDataDirectory;
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, fileName);
        _database = new LiteDatabase(new ConnectionString { Filename = Path, Connection = ConnectionType.Shared }, CreateMapper());
        prepare(_database);
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> alone against the database.</summary>
    public async Task<T> RunAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(_database);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> alone, in one LiteDB transaction: all of it is stored, or none of it.</summary>
    public Task<T> RunInTransactionAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken) =>
        RunAsync(db =>
        {
            db.BeginTrans();
            try
            {
                var result = work(db);
                db.Commit();
                return result;
            }
            catch
            {
                db.Rollback();
                throw;
            }
        }, cancellationToken);

    /// <summary>
    /// Loads document <paramref name="id"/> of <paramref name="collection"/>, lets <paramref name="change"/> modify it and
    /// saves it, in one transaction; throws what <paramref name="missing"/> makes when there is no such document.
    /// </summary>
    public Task<T> UpdateAsync<TDocument, T>(string collection, string id, Func<TDocument, T> change, Func<Exception> missing, CancellationToken cancellationToken)
        where TDocument : class
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(missing);
        return RunInTransactionAsync(db =>
        {
            var documents = db.GetCollection<TDocument>(collection);
            var document = documents.FindById(id) ?? throw missing();
            var result = change(document);
            documents.Update(document);
            return result;
        }, cancellationToken);
    }

    public void Dispose()
    {
        _database.Dispose();
        _gate.Dispose();
    }

    private static void PrepareReleases(LiteDatabase database)
    {
        var releases = database.GetCollection<Release>(Releases);
        releases.EnsureIndex(r => r.App);
        releases.EnsureIndex(r => r.State);
        database.GetCollection(Audit).EnsureIndex("App");
        var flagChanges = database.GetCollection<FlagChange>(FlagChanges);
        flagChanges.EnsureIndex(c => c.App);
        flagChanges.EnsureIndex(c => c.RequestedAt);
        flagChanges.EnsureIndex(c => c.State);
    }

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };
        mapper.RegisterType(
            conversation => new BsonDocument
            {
                ["Platform"] = conversation.Platform,
                ["Channel"] = conversation.Channel,
                ["Thread"] = conversation.Thread is null ? BsonValue.Null : new BsonValue(conversation.Thread),
            },
            bson => new ConversationRef(bson["Platform"].AsString, bson["Channel"].AsString, bson["Thread"].IsNull ? null : bson["Thread"].AsString));
        mapper.RegisterType(
            actor => new BsonDocument { ["Platform"] = actor.Platform, ["Id"] = actor.Id, ["DisplayName"] = actor.DisplayName },
            bson => new Actor(bson["Platform"].AsString, bson["Id"].AsString, bson["DisplayName"].AsString));
        mapper.RegisterType(
            vote => new BsonDocument { ["Who"] = vote.Who, ["WhoKey"] = vote.WhoKey, ["At"] = vote.At.UtcDateTime },
            bson => new ApprovalVote(bson["Who"].AsString, bson["WhoKey"].AsString, new DateTimeOffset(DateTime.SpecifyKind(bson["At"].AsDateTime.ToUniversalTime(), DateTimeKind.Utc))));
        mapper.Entity<Approval>().Ignore(a => a.IsPending);
        mapper.Entity<ScheduledPromotion>().Ignore(s => s.IsPending);
        mapper.Entity<Release>().Ignore(r => r.IsActive).Ignore(r => r.HasOpenSteps).Ignore(r => r.NextOpenStep).Ignore(r => r.Title);
        mapper.Entity<ReleaseStep>().Ignore(s => s.IsOpen).Ignore(s => s.Target);
        return mapper;
    }
}
