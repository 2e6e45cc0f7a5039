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

    /// <summary>
    /// One line: "release 1a2b3c4d checkout v1 → v2: canary at 25% (requested 20%) and requests with header X: y, started by …".
    /// Given <paramref name="now"/>, a timed rule says how long it has left, else until when it lasts.
    /// </summary>
    public static string Summary(Release release, DateTimeOffset? now = null)
    {
        var weight = release.EffectiveWeight == release.RequestedWeight
            ? $"{release.EffectiveWeight}%"
            : $"{release.EffectiveWeight}% (requested {release.RequestedWeight}%)";
        var where = release.Strategy == ReleaseStrategy.BlueGreen && release.State is ReleaseState.Canary or ReleaseState.Paused
            ? BlueGreen(release)
            : release.State switch
        {
            ReleaseState.Canary or ReleaseState.Paused when release.Rules.Count > 0 =>
                $"{ReleaseRules.Describe(release.State)}, traffic to canary {weight} and requests with {Rules(release.Rules, now)}",
            ReleaseState.Canary or ReleaseState.Paused => $"{ReleaseRules.Describe(release.State)}, traffic to canary {weight}",
            _ => ReleaseRules.Describe(release.State),
        };
        var pending = release.Steps.Count(s => s.IsOpen);
        var queued = pending == 0 ? string.Empty : $", {pending} step{(pending == 1 ? string.Empty : "s")} in progress";
        return $"release {release.Id} {release.Title}: {where}{queued} — started by {release.RequestedBy} {Time(release.CreatedAt)}";
    }

    /// <summary>"blue-green, preview of v2 beside the live v1" or "blue-green, switched: v2 serves everyone, v1 kept on 4 pods until …".</summary>
    private static string BlueGreen(Release release) =>
        (release.State == ReleaseState.Paused ? "blue-green, paused, " : "blue-green, ")
        + (release.IsSwitched
            ? $"switched: {release.ToVersion} serves everyone, {release.FromVersion} kept on {Plural(release.OldReplicas, "pod")} until {Time(release.KeepOldUntil!.Value)}"
            : $"preview of {release.ToVersion} beside the live {release.FromVersion}");

    /// <summary>"header X-Canary: testers (1 h 58 min left) or cookie canary=always"; without a clock, "(until …)".</summary>
    public static string Rules(IEnumerable<RouteRule> rules, DateTimeOffset? now = null) =>
        string.Join(" or ", rules.Select(r => r.Describe() + r.ExpiresAt switch
        {
            null => string.Empty,
            { } end when now is { } clock => $" ({Left(end - clock)})",
            { } end => $" (until {Time(end)})",
        }));

    /// <summary>"2 h", "1 h 30 min", "1 d 2 h 3 min 4 s".</summary>
    public static string Duration(TimeSpan duration)
    {
        var parts = new List<string>();
        AddPart(parts, duration.Days, "d");
        AddPart(parts, duration.Hours, "h");
        AddPart(parts, duration.Minutes, "min");
        AddPart(parts, duration.Seconds, "s");
        return parts.Count == 0 ? "0 s" : string.Join(' ', parts);
    }

    /// <summary>"14:05Z" on the day of <paramref name="now"/>, else "2025-03-02 14:05Z".</summary>
    public static string Until(DateTimeOffset at, DateTimeOffset now) =>
        at.UtcDateTime.ToString(at.UtcDateTime.Date == now.UtcDateTime.Date ? "HH:mm'Z'" : "yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>"in 2 h", "in 9 min" (to the minute), or "now".</summary>
    public static string FromNow(DateTimeOffset at, DateTimeOffset now)
    {
        var left = TimeSpan.FromMinutes(Math.Round((at - now).TotalMinutes));
        return left <= TimeSpan.Zero ? "now" : $"in {Duration(left)}";
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Free text a person typed (a reason, a comment) as a code span, so that no chat client reads it as markup or
    /// mentions; a back-quote in it (typed lines have none) could close the span, so it becomes a plain quote.
    /// </summary>
    public static string Quote(string text) => $"`{text.Replace('`', '\'')}`";

    /// <summary>Text cut to at most <paramref name="length"/> characters, ending "…"; a code span cut open is closed.</summary>
    public static string Clip(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var kept = text[..(length - 2)];
        return kept + (kept.Count(c => c == '`') % 2 == 0 ? "…" : "…`");
    }

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private static string Left(TimeSpan left) => left switch
    {
        { Ticks: <= 0 } => "ending now",
        { TotalMinutes: < 1 } => "under a minute left",
        _ => $"{Duration(TimeSpan.FromMinutes(Math.Floor(left.TotalMinutes)))} left",
    };

    private static void AddPart(List<string> parts, int count, string unit)
    {
        if (count > 0)
        {
            parts.Add($"{count} {unit}");
        }
    }
}
