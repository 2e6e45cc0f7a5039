using System.Globalization;
using System.Text;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>The sentences the handlers share.</summary>
internal static class Texts
{
    public static string DryRun(string command, string cluster, IReadOnlyList<ClusterChange> changes)
    {
        var text = new StringBuilder($"Dry run of `{command}` — nothing was changed.");
        if (changes.Count == 0)
        {
            return text.Append($" Cluster {cluster} already matches; nothing would change.").ToString();
        }

        text.Append($" On cluster {cluster} it would make {changes.Count} change{(changes.Count == 1 ? string.Empty : "s")}:");
        foreach (var change in changes)
        {
            text.Append("\n  • ").Append(change);
        }

        return text.ToString();
    }

    /// <summary>One line: "release 1a2b3c4d checkout v1 → v2: canary at 25% (requested 20%), started by …".</summary>
    public static string Summary(Release release)
    {
        var weight = release.EffectiveWeight == release.RequestedWeight
            ? $"{release.EffectiveWeight}%"
            : $"{release.EffectiveWeight}% (requested {release.RequestedWeight}%)";
        var where = release.State switch
        {
            ReleaseState.Canary or ReleaseState.Paused => $"{ReleaseRules.Describe(release.State)}, traffic to canary {weight}",
            _ => ReleaseRules.Describe(release.State),
        };
        var pending = release.Steps.Count(s => s.IsOpen);
        var queued = pending == 0 ? string.Empty : $", {pending} step{(pending == 1 ? string.Empty : "s")} in progress";
        return $"release {release.Id} {release.Title}: {where}{queued} — started by {release.RequestedBy} {Time(release.CreatedAt)}";
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
