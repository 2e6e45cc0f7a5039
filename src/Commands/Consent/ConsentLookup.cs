using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>Finds the active release that holds an approval request or a scheduled promotion, by the id people type.</summary>
public sealed class ConsentLookup(IReleaseStore store)
{
    public async Task<Release?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var active = await store.ActiveAsync(cancellationToken).ConfigureAwait(false);
        return active.FirstOrDefault(r => r.FindApproval(id) is not null || r.FindSchedule(id) is not null);
    }

    /// <summary>A fresh short id for an approval (<c>a…</c>) or a schedule (<c>s…</c>).</summary>
    public static string NewId(char kind) => kind + Guid.NewGuid().ToString("N")[..6];
}
