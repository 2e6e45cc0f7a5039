using ChatOpsRelease.Commands.Ports;
using LiteDB;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>Freezes declared in chat, in LiteDB's <c>freezes</c> collection beside the releases.</summary>
internal sealed class LiteDbFreezeStore(LiteDbDatabase db) : IFreezeStore
{
    private const string Collection = "freezes";

    /// <summary>Stores the freeze; one with the same id (a retried command) is replaced, not doubled.</summary>
    public Task AddAsync(Freeze freeze, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(freeze);
        ArgumentException.ThrowIfNullOrEmpty(freeze.Id);
        return db.RunAsync(d => Freezes(d).Upsert(freeze), cancellationToken);
    }

    public Task<int> RemoveAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        return db.RunAsync(d => Freezes(d).DeleteMany(f => f.Scope == scope), cancellationToken);
    }

    public Task<IReadOnlyList<Freeze>> AllAsync(CancellationToken cancellationToken) =>
        db.RunAsync(d => (IReadOnlyList<Freeze>)Freezes(d).FindAll().OrderBy(f => f.At).ToList(), cancellationToken);

    private static ILiteCollection<Freeze> Freezes(LiteDatabase d) => d.GetCollection<Freeze>(Collection);
}
