using System.Globalization;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>The releases in progress, as the overview shows them, at one moment.</summary>
internal sealed record DashboardOverview(IReadOnlyList<Release> Releases, DateTimeOffset Now, string Fingerprint);

/// <summary>One release with its app's audit entries, newest first.</summary>
internal sealed record ReleaseHistory(Release Release, IReadOnlyList<AuditEntry> Audit, DateTimeOffset Now, string Fingerprint);

/// <summary>Reads what the dashboard shows from the store; never changes anything.</summary>
internal sealed class DashboardReader(IReleaseStore store, IAuditLog audit, TimeProvider time)
{
    /// <summary>How many of an app's audit entries a history page shows.</summary>
    public const int AuditLimit = 100;

    public async Task<DashboardOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var active = await store.ActiveAsync(cancellationToken).ConfigureAwait(false);
        var ordered = active
            .OrderBy(r => r.App, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Cluster, StringComparer.Ordinal)
            .ToList();
        return new DashboardOverview(ordered, time.GetUtcNow(), Fingerprint(ordered));
    }

    public async Task<ReleaseHistory?> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } release)
        {
            return null;
        }

        var entries = await audit.RecentAsync(release.App, AuditLimit, cancellationToken).ConfigureAwait(false);
        var active = await store.ActiveAsync(cancellationToken).ConfigureAwait(false);
        return new ReleaseHistory(release, entries, time.GetUtcNow(), Fingerprint(active));
    }

    /// <summary>Changes whenever an active release changes, starts or ends: the pages compare it to know when to redraw.</summary>
    public async Task<string> FingerprintAsync(CancellationToken cancellationToken) =>
        Fingerprint(await store.ActiveAsync(cancellationToken).ConfigureAwait(false));

    private static string Fingerprint(IEnumerable<Release> releases) =>
        string.Join(';', releases
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}:{r.Revision}:{r.UpdatedAt.UtcTicks}:{r.LastVerdict?.At.UtcTicks}")));
}
