using System.Text.Json;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Flag changes in memory, copied in and out through JSON as a real store would, so callers never share an instance with it.</summary>
internal sealed class FakeFlagChangeStore : IFlagChangeStore
{
    private readonly Dictionary<string, string> _changes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public IReadOnlyList<FlagChange> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes.Values.Select(Copy).OrderBy(c => c.RequestedAt)];
            }
        }
    }

    public Task AddAsync(FlagChange change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _changes.Add(change.Id, JsonSerializer.Serialize(change));
        }

        return Task.CompletedTask;
    }

    public Task<FlagChange?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_changes.TryGetValue(id, out var json) ? Copy(json) : null);
        }
    }

    public Task<T> UpdateAsync<T>(string id, Func<FlagChange, T> update, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var change = _changes.TryGetValue(id, out var json) ? Copy(json) : throw new KeyNotFoundException($"No flag change {id}.");
            var result = update(change);
            _changes[id] = JsonSerializer.Serialize(change);
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<FlagChange>> RecentAsync(string app, string? flag, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FlagChange>>([.. _changes.Values.Select(Copy)
                .Where(c => c.App == app && (flag is null || string.Equals(c.Flag, flag, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(c => c.RequestedAt).Take(limit)]);
        }
    }

    public Task<IReadOnlyList<FlagChange>> AwaitingApprovalAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FlagChange>>([.. _changes.Values.Select(Copy)
                .Where(c => c.State == FlagChangeState.AwaitingApproval && c.Approval is { IsPending: true })]);
        }
    }

    private static FlagChange Copy(string json) => JsonSerializer.Deserialize<FlagChange>(json)!;
}
