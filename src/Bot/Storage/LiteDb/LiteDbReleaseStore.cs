using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using LiteDB;

namespace ChatOpsRelease.Bot.Storage.LiteDb;

/// <summary>Releases in LiteDB. Read-modify-write runs under one lock and one LiteDB transaction.</summary>
internal sealed class LiteDbReleaseStore : IReleaseStore
{
    private static readonly string[] Finished = [nameof(ReleaseState.Completed), nameof(ReleaseState.RolledBack)];
    private readonly LiteDbDatabase _db;
    private readonly ILiteCollection<Release> _releases;

    public LiteDbReleaseStore(LiteDbDatabase db)
    {
        _db = db;
        _releases = db.Database.GetCollection<Release>("releases");
        _releases.EnsureIndex(r => r.App);
        _releases.EnsureIndex(r => r.State);
    }

    public Task<Release?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<Release?>(_releases.FindById(id));

    public Task<Release?> LatestAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult<Release?>(
            FindActive().FirstOrDefault(r => r.App == app)
            ?? _releases.Query().Where(r => r.App == app).OrderByDescending(r => r.CreatedAt).FirstOrDefault());

    public Task<IReadOnlyList<Release>> ActiveAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Release>>(FindActive().OrderBy(r => r.CreatedAt).ToList());

    public async Task<Release?> TryCreateAsync(Release release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        return await LockedAsync(() =>
        {
            var existing = FindActive().FirstOrDefault(r => r.App == release.App);
            if (existing is null)
            {
                _releases.Insert(release);
            }

            return existing;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<T> UpdateAsync<T>(string id, Func<Release, T> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return LockedAsync(() =>
        {
            var release = _releases.FindById(id) ?? throw new InvalidOperationException($"Release {id} does not exist.");
            var result = change(release);
            _releases.Update(release);
            return result;
        }, cancellationToken);
    }

    private IEnumerable<Release> FindActive() =>
        _releases.Find(Query.And(Query.Not("State", Finished[0]), Query.Not("State", Finished[1])));

    private async Task<T> LockedAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _db.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _db.Database.BeginTrans();
            try
            {
                var result = work();
                _db.Database.Commit();
                return result;
            }
            catch
            {
                _db.Database.Rollback();
                throw;
            }
        }
        finally
        {
            _db.WriteLock.Release();
        }
    }
}
