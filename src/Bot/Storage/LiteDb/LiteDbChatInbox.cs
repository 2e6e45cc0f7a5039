using System.Threading.Channels;
using ChatOpsRelease.Commands.Ports;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>
/// The chat inbox: LiteDB's <c>inbox</c> collection in its own file, <c>inbox.db</c>. Many deliveries can arrive at once (a burst of slash
/// commands) and each must be recorded before it is acknowledged, so one writer records every delivery waiting at
/// that moment in a single transaction (group commit) instead of one transaction each.
/// </summary>
internal sealed class LiteDbChatInbox : IChatInbox, IAsyncDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly LiteDbDatabase _db;
    private readonly TimeProvider _time;
    private readonly Channel<Waiting> _waiting = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public LiteDbChatInbox(IOptions<StorageOptions> options, TimeProvider time)
    {
        _db = new LiteDbDatabase(options, "inbox.db", d => d.GetCollection(LiteDbDatabase.Inbox).EnsureIndex("Platform"));
        _time = time;
        _writer = Task.Run(WriteAsync);
    }

    public async Task<bool> TryAddAsync(InboundDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var waiting = new Waiting(ToDocument(delivery), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_waiting.Writer.TryWrite(waiting))
        {
            throw new ObjectDisposedException(nameof(LiteDbChatInbox));
        }

        return await waiting.Added.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CompleteAsync(string id, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _db.RunAsync(d =>
        {
            var inbox = d.GetCollection<InboxDocument>(LiteDbDatabase.Inbox);
            if (inbox.FindById(id) is not { } document)
            {
                return false;
            }

            document.CompletedAt = now;
            return inbox.Update(document);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<InboundDelivery>> PendingAsync(string platform, CancellationToken cancellationToken)
    {
        var horizon = _time.GetUtcNow().UtcDateTime - Retention;
        return _db.RunAsync<IReadOnlyList<InboundDelivery>>(d =>
        {
            var inbox = d.GetCollection<InboxDocument>(LiteDbDatabase.Inbox);
            inbox.DeleteMany(x => x.CompletedAt != null && x.CompletedAt < horizon);
            return inbox.Find(x => x.Platform == platform && x.CompletedAt == null).OrderBy(x => x.ReceivedAt).Select(ToDelivery).ToList();
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _db.Dispose();
    }

    private async Task WriteAsync()
    {
        var batch = new List<Waiting>();
        while (await _waiting.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 256 && _waiting.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var added = await _db.RunInTransactionAsync(d => Record(d, batch), CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Added.TrySetResult(added[i]);
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(w => w.Added.TrySetException(ex));
            }
        }
    }

    private static bool[] Record(LiteDatabase d, List<Waiting> batch)
    {
        var inbox = d.GetCollection<InboxDocument>(LiteDbDatabase.Inbox);
        var ids = batch.Select(w => new BsonValue(w.Document.Id)).Distinct().ToArray();
        var seen = inbox.Find(Query.In("_id", ids)).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var added = new bool[batch.Count];
        var fresh = new List<InboxDocument>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            added[i] = seen.Add(batch[i].Document.Id);
            if (added[i])
            {
                fresh.Add(batch[i].Document);
            }
        }

        inbox.Insert(fresh);
        return added;
    }

    private static InboxDocument ToDocument(InboundDelivery delivery) => new()
    {
        Id = delivery.Id,
        Platform = delivery.Platform,
        Source = delivery.Source,
        Request = System.Text.Json.JsonSerializer.Serialize(delivery.Request),
        ReceivedAt = delivery.ReceivedAt.UtcDateTime,
        ResponseUrl = delivery.ResponseUrl,
    };

    private static InboundDelivery ToDelivery(InboxDocument document) => new(
        document.Id,
        document.Platform,
        document.Source,
        System.Text.Json.JsonSerializer.Deserialize<ChatRequest>(document.Request)!,
        new DateTimeOffset(DateTime.SpecifyKind(document.ReceivedAt, DateTimeKind.Utc)))
    {
        ResponseUrl = document.ResponseUrl,
    };

    private sealed record Waiting(InboxDocument Document, TaskCompletionSource<bool> Added);

    internal sealed class InboxDocument
    {
        public string Id { get; set; } = string.Empty;

        public string Platform { get; set; } = string.Empty;

        public string Source { get; set; } = string.Empty;

        /// <summary>The request as JSON.</summary>
        public string Request { get; set; } = string.Empty;

        public DateTime ReceivedAt { get; set; }

        public DateTime? CompletedAt { get; set; }

        public string? ResponseUrl { get; set; }
    }
}
