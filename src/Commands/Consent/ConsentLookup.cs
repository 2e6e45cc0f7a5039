using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>
/// Finds the release that holds an approval request or a scheduled promotion, by the id people type: among the active
/// releases, then each app's newest finished one (so a button on the card of a release that has ended says what became of it).
/// </summary>
public sealed class ConsentLookup(IReleaseStore store, AppCatalog apps)
{
    public async Task<Release?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var active = await store.ActiveAsync(cancellationToken).ConfigureAwait(false);
        if (active.FirstOrDefault(r => Holds(r, id)) is { } found)
        {
            return found;
        }

        foreach (var app in apps.All)
        {
            if (await store.LatestAsync(app.Name, cancellationToken).ConfigureAwait(false) is { } latest && Holds(latest, id))
            {
                return latest;
            }
        }

        return null;
    }

    /// <summary>A fresh short id for an approval (<c>a…</c>) or a schedule (<c>s…</c>).</summary>
    public static string NewId(char kind) => kind + Guid.NewGuid().ToString("N")[..6];

    private static bool Holds(Release release, string id) => release.FindApproval(id) is not null || release.FindSchedule(id) is not null;
}
