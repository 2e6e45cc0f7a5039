using ChatOpsRelease.Commands.Ports;
using LiteDB;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>Flag changes in LiteDB's <c>flag_changes</c> collection beside the releases. Each read-modify-write is one transaction.</summary>
internal sealed class LiteDbFlagChangeStore(LiteDbDatabase db) : IFlagChangeStore
{
    private static readonly BsonExpression Awaiting = Query.EQ("State", nameof(FlagChangeState.AwaitingApproval));

    /// <summary>Stores the change; when one with its id is stored already (a retried command), that one is kept as it is.</summary>
    public Task AddAsync(FlagChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrEmpty(change.Id);
        return db.RunInTransactionAsync(d =>
        {
            var changes = Changes(d);
            var stored = changes.FindById(change.Id) is not null;
            if (!stored)
            {
                changes.Insert(change);
            }

            return !stored;
        }, cancellationToken);
    }

    public Task<FlagChange?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.RunAsync(d => (FlagChange?)Changes(d).FindById(id), cancellationToken);

    public Task<T> UpdateAsync<T>(string id, Func<FlagChange, T> update, CancellationToken cancellationToken) =>
        db.UpdateAsync(LiteDbDatabase.FlagChanges, id, update, () => new KeyNotFoundException($"Flag change {id} does not exist."), cancellationToken);

    public Task<IReadOnlyList<FlagChange>> RecentAsync(string app, string? flag, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return db.RunAsync(d => (IReadOnlyList<FlagChange>)Changes(d).Query()
            .Where(c => c.App == app)
            .OrderByDescending(c => c.RequestedAt)
            .ToEnumerable()
            .Where(c => flag is null || string.Equals(c.Flag, flag, StringComparison.OrdinalIgnoreCase))
            .Take(limit)
            .ToList(), cancellationToken);
    }

    public Task<IReadOnlyList<FlagChange>> AwaitingApprovalAsync(CancellationToken cancellationToken) =>
        db.RunAsync(d => (IReadOnlyList<FlagChange>)Changes(d).Find(Awaiting)
            .Where(c => c.Approval is { IsPending: true })
            .OrderBy(c => c.RequestedAt)
            .ToList(), cancellationToken);

    private static ILiteCollection<FlagChange> Changes(LiteDatabase d) => d.GetCollection<FlagChange>(LiteDbDatabase.FlagChanges);
}
