using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Freezes in a list.</summary>
internal sealed class FakeFreezeStore : IFreezeStore
{
    private readonly List<Freeze> _freezes = [];

    public Task AddAsync(Freeze freeze, CancellationToken cancellationToken)
    {
        _freezes.Add(freeze);
        return Task.CompletedTask;
    }

    public Task<int> RemoveAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult(_freezes.RemoveAll(f => string.Equals(f.Scope, scope, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<Freeze>> AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Freeze>>(_freezes.ToList());
}
