using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>
/// The embedded release database, <c>releases.db</c> in the data folder, opened in shared mode (so a second
/// process cannot silently lose writes) with the mappings the release model needs.
/// </summary>
internal sealed class LiteDbDatabase : IDisposable
{
    public LiteDbDatabase(IOptions<StorageOptions> options)
    {
        var folder = options.Value.FullDataDirectory;
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "releases.db");
        var mapper = new BsonMapper { EnumAsInteger = false };
        mapper.RegisterType(
            conversation => new BsonDocument
            {
                ["Platform"] = conversation.Platform,
                ["Channel"] = conversation.Channel,
                ["Thread"] = conversation.Thread is null ? BsonValue.Null : new BsonValue(conversation.Thread),
            },
            bson => new ConversationRef(bson["Platform"].AsString, bson["Channel"].AsString, bson["Thread"].IsNull ? null : bson["Thread"].AsString));
        mapper.Entity<Release>().Ignore(r => r.IsActive).Ignore(r => r.HasOpenSteps).Ignore(r => r.NextOpenStep).Ignore(r => r.Title);
        mapper.Entity<ReleaseStep>().Ignore(s => s.IsOpen);
        Database = new LiteDatabase(new ConnectionString { Filename = Path, Connection = ConnectionType.Shared }, mapper);
    }

    public string Path { get; }

    public LiteDatabase Database { get; }

    /// <summary>Serialises read-modify-write sequences within this process.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    public void Dispose()
    {
        Database.Dispose();
        WriteLock.Dispose();
    }
}
