using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using LiteDB;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>Releases in LiteDB's <c>releases</c> collection. Each read-modify-write is one transaction.</summary>
internal sealed class LiteDbReleaseStore(LiteDbDatabase db) : IReleaseStore
{
    private static readonly BsonExpression Active =
        Query.And(Query.Not("State", nameof(ReleaseState.Completed)), Query.Not("State", nameof(ReleaseState.RolledBack)));

    public Task<Release?> GetAsync(string id, CancellationToken cancellationToken) =>
        db.RunAsync(d => (Release?)Releases(d).FindById(id), cancellationToken);

    public Task<Release?> LatestAsync(string app, CancellationToken cancellationToken) =>
        db.RunAsync<Release?>(d => ActiveOf(d, app) ?? Releases(d).Query().Where(r => r.App == app).OrderByDescending(r => r.CreatedAt).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<Release>> ActiveAsync(CancellationToken cancellationToken) =>
        db.RunAsync(d => (IReadOnlyList<Release>)Releases(d).Find(Active).OrderBy(r => r.CreatedAt).ToList(), cancellationToken);

    public Task<Release?> TryCreateAsync(Release release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return db.RunInTransactionAsync(d =>
        {
            var existing = ActiveOf(d, release.App);
            if (existing is null)
            {
                Releases(d).Insert(release);
            }

            return existing;
        }, cancellationToken);
    }

    public Task<T> UpdateAsync<T>(string id, Func<Release, T> change, CancellationToken cancellationToken) =>
        db.UpdateAsync(LiteDbDatabase.Releases, id, change, () => new InvalidOperationException($"Release {id} does not exist."), cancellationToken);

    private static ILiteCollection<Release> Releases(LiteDatabase d) => d.GetCollection<Release>(LiteDbDatabase.Releases);

    private static Release? ActiveOf(LiteDatabase d, string app) => Releases(d).Find(Active).FirstOrDefault(r => r.App == app);
}
