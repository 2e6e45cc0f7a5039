using ChatOpsRelease.Commands.Ports;
using LiteDB;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>The audit log in LiteDB's <c>audit</c> collection, append-only.</summary>
internal sealed class LiteDbAuditLog : IAuditLog
{
    private readonly ILiteCollection<AuditDocument> _entries;

    public LiteDbAuditLog(LiteDbDatabase db)
    {
        _entries = db.Database.GetCollection<AuditDocument>("audit");
        _entries.EnsureIndex(e => e.App);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Insert(new AuditDocument
        {
            At = entry.At.UtcDateTime,
            Actor = entry.Actor,
            Conversation = entry.Conversation,
            App = entry.App,
            ReleaseId = entry.ReleaseId,
            Command = entry.Command,
            Outcome = entry.Outcome,
            Detail = entry.Detail,
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(string app, int limit, CancellationToken cancellationToken)
    {
        // Ids are ObjectIds, which grow with insertion time: newest first even within one millisecond.
        var entries = _entries.Query().Where(e => e.App == app).OrderByDescending(e => e.Id).Limit(limit).ToList()
            .Select(d => new AuditEntry(new DateTimeOffset(DateTime.SpecifyKind(d.At, DateTimeKind.Utc)), d.Actor, d.Conversation, d.App,
                d.ReleaseId, d.Command, d.Outcome, d.Detail))
            .ToList();
        return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
    }

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
