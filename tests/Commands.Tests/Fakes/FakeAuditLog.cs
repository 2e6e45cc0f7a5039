using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>An append-only list of audit entries.</summary>
internal sealed class FakeAuditLog : IAuditLog
{
    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries => _entries;

    /// <summary>When set, appending throws it.</summary>
    public Exception? AppendFailure { get; set; }

    /// <summary>The limit the last <see cref="RecentAsync"/> was asked for.</summary>
    public int? LastLimit { get; private set; }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (AppendFailure is not null)
        {
            throw AppendFailure;
        }

        _entries.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(string app, int limit, CancellationToken cancellationToken)
    {
        LastLimit = limit;
        IReadOnlyList<AuditEntry> recent = _entries
            .Select((entry, index) => (entry, index))
            .Where(e => string.Equals(e.entry.App, app, StringComparison.Ordinal))
            .OrderByDescending(e => e.entry.At)
            .ThenByDescending(e => e.index)
            .Take(limit)
            .Select(e => e.entry)
            .ToList();
        return Task.FromResult(recent);
    }
}
