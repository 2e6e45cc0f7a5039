using ChatOpsRelease.Commands.Ports;
using LiteDB;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>The audit log in LiteDB's <c>audit</c> collection, append-only.</summary>
internal sealed class LiteDbAuditLog(LiteDbDatabase db) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var document = new AuditDocument
        {
            At = entry.At.UtcDateTime,
            Actor = entry.Actor,
            Conversation = entry.Conversation,
            App = entry.App,
            ReleaseId = entry.ReleaseId,
            Command = entry.Command,
            Outcome = entry.Outcome,
            Detail = entry.Detail,
        };
        return db.RunAsync(d => Entries(d).Insert(document), cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(string app, int limit, CancellationToken cancellationToken)
    {
        // Ids are ObjectIds, which grow with insertion time: newest first even within one millisecond.
        return db.RunAsync(
            d => (IReadOnlyList<AuditEntry>)Entries(d).Query().Where(e => e.App == app).OrderByDescending(e => e.Id).Limit(limit).ToList()
                .Select(e => new AuditEntry(new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)), e.Actor, e.Conversation, e.App,
                    e.ReleaseId, e.Command, e.Outcome, e.Detail))
                .ToList(),
            cancellationToken);
    }

    private static ILiteCollection<AuditDocument> Entries(LiteDatabase d) => d.GetCollection<AuditDocument>(LiteDbDatabase.Audit);

    internal sealed class AuditDocument
    {
        public ObjectId Id { get; set; } = ObjectId.NewObjectId();

        public DateTime At { get; set; }

        public string Actor { get; set; } = string.Empty;

        public string Conversation { get; set; } = string.Empty;

        public string? App { get; set; }

        public string? ReleaseId { get; set; }

        public string Command { get; set; } = string.Empty;

        public AuditOutcome Outcome { get; set; }

        public string Detail { get; set; } = string.Empty;
    }
}
