using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>The outbox in its own embedded file, <c>outbox.db</c>, so posting never waits behind release work.</summary>
internal sealed class LiteDbChatOutbox(IOptions<StorageOptions> options, TimeProvider time) : IChatOutbox, IDisposable
{
    private const string Collection = "outbox";
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly LiteDbDatabase _db = new(options, "outbox.db", d =>
    {
        var items = d.GetCollection<OutboxItem>(Collection);
        items.EnsureIndex(i => i.FinishedAt);
        items.EnsureIndex(i => i.Sequence);
    });

    private long _sequence = -1;

    public Task AddAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _db.RunAsync(d =>
        {
            var items = d.GetCollection<OutboxItem>(Collection);
            if (_sequence < 0)
            {
                _sequence = items.Query().OrderByDescending(i => i.Sequence).Select(i => i.Sequence).FirstOrDefault();
            }

            item.Sequence = ++_sequence;
            return items.Insert(item);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<OutboxItem>> DueAsync(DateTime now, int most, CancellationToken cancellationToken) =>
        _db.RunAsync<IReadOnlyList<OutboxItem>>(d => d.GetCollection<OutboxItem>(Collection)
            .Find(i => i.FinishedAt == null)
            .OrderBy(i => i.Sequence)
            .GroupBy(i => i.ConversationKey())
            .Select(g => g.First())
            .Where(i => i.NextAttemptAt <= now)
            .Take(most)
            .ToList(), cancellationToken);

    public Task RecordAsync(string id, bool posted, DateTime? nextAttempt, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _db.RunAsync(d =>
        {
            var items = d.GetCollection<OutboxItem>(Collection);
            if (items.FindById(id) is not { } item)
            {
                return false;
            }

            item.Attempts++;
            item.LastError = error;
            if (posted || nextAttempt is null)
            {
                item.FinishedAt = now;
            }
            else
            {
                item.NextAttemptAt = nextAttempt.Value;
            }

            items.Update(item);
            items.DeleteMany(i => i.FinishedAt != null && i.FinishedAt < now - Retention);
            return true;
        }, cancellationToken);
    }

    public void Dispose() => _db.Dispose();
}
