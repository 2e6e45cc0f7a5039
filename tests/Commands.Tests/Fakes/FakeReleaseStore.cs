using System.Text.Json;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>
/// An in-memory release store that behaves like a durable one: callers get copies, never the stored
/// object, and every update is an atomic read-modify-write of one release.
/// </summary>
internal sealed class FakeReleaseStore : IReleaseStore
{
    private readonly object _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _releases = new(StringComparer.Ordinal);

    /// <summary>
    /// When set, every update first runs its change on a throwaway copy, as a store does when a concurrent
    /// write makes it retry: a change that touches anything but the release shows up twice.
    /// </summary>
    public bool RetryEveryUpdateOnce { get; set; }

    /// <summary>When it answers true for a changed release, the change is not saved: a store that loses writes.</summary>
    public Func<Release, bool>? LoseUpdateWhen { get; set; }

    /// <summary>Runs once, at the start of the next update, to stage a write that lands just before it.</summary>
    public Action? BeforeNextUpdate { get; set; }

    /// <summary>Runs inside <see cref="TryCreateAsync"/> just before the check, to stage a concurrent create.</summary>
    public Action? BeforeCreate { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _releases.Count;
            }
        }
    }

    /// <summary>A copy of every stored release, oldest first.</summary>
    public IReadOnlyList<Release> All
    {
        get
        {
            lock (_gate)
            {
                return _order.Select(id => Load(id)).ToList();
            }
        }
    }

    /// <summary>A copy of the stored release; fails the test when there is none.</summary>
    public Release Get(string id)
    {
        lock (_gate)
        {
            return _releases.ContainsKey(id) ? Load(id) : throw new InvalidOperationException($"No release {id} is stored.");
        }
    }

    /// <summary>Stores a release as it is, without any check.</summary>
    public void Put(Release release)
    {
        lock (_gate)
        {
            Save(release);
        }
    }

    /// <summary>Changes a stored release in place, as another writer would.</summary>
    public void Update(string id, Action<Release> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var copy = Load(id);
            change(copy);
            Save(copy);
        }
    }

    public Task<Release?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_releases.ContainsKey(id) ? Load(id) : null);
        }
    }

    public Task<Release?> LatestAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var releases = _order.Select(Load).Where(r => r.App == app).ToList();
            var latest = releases.FirstOrDefault(r => r.IsActive) ?? releases.LastOrDefault();
            return Task.FromResult(latest);
        }
    }

    public Task<IReadOnlyList<Release>> ActiveAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Release> active = _order.Select(Load).Where(r => r.IsActive).ToList();
            return Task.FromResult(active);
        }
    }

    public Task<Release?> TryCreateAsync(Release release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        BeforeCreate?.Invoke();
        lock (_gate)
        {
            var existing = _order.Select(Load).FirstOrDefault(r => r.IsActive && r.App == release.App);
            if (existing is not null)
            {
                return Task.FromResult<Release?>(existing);
            }

            Save(release);
            return Task.FromResult<Release?>(null);
        }
    }

    public Task<T> UpdateAsync<T>(string id, Func<Release, T> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        var before = BeforeNextUpdate;
        BeforeNextUpdate = null;
        before?.Invoke();
        lock (_gate)
        {
            if (!_releases.ContainsKey(id))
            {
                throw new InvalidOperationException($"No release {id} is stored.");
            }

            if (RetryEveryUpdateOnce)
            {
                change(Load(id));
            }

            var copy = Load(id);
            var result = change(copy);
            if (LoseUpdateWhen?.Invoke(copy) != true)
            {
                Save(copy);
            }

            return Task.FromResult(result);
        }
    }

    private Release Load(string id) => JsonSerializer.Deserialize<Release>(_releases[id])!;

    private void Save(Release release)
    {
        if (!_releases.ContainsKey(release.Id))
        {
            _order.Add(release.Id);
        }

        _releases[release.Id] = JsonSerializer.Serialize(release);
    }
}
