using System.Text;
using static ChatOpsRelease.Bot.Web.Dashboard.DashboardHtml;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary><c>/releases/{id}</c>: one release, every step it took, and its app's audit entries.</summary>
internal static class ReleaseHistoryPage
{
    public static string Render(ReleaseHistory history)
    {
        var release = history.Release;
        var html = new StringBuilder();
        html.Append("<section class=\"release\" data-release=\"").Append(E(release.Id)).Append("\"><h1>").Append(E(release.Title))
            .Append(" <span class=\"muted\">release ").Append(E(release.Id)).Append("</span></h1>");
        ReleaseSections.Summary(html, release);
        if (release.IsActive)
        {
            html.Append("<h3>Canary vs stable</h3><img class=\"chart\" alt=\"Requests, error rates and p95 latency of ")
                .Append(E(release.Title)).Append("\" src=\"").Append(ReleaseSections.ChartUrl(release)).Append("\" width=\"900\" height=\"750\">");
        }

        ReleaseSections.Plan(html, release);
        Steps(html, release);
        ReleaseSections.Consent(html, release, pendingOnly: false);
        Audit(html, history);
        html.Append("</section>");
        return Layout($"Release {release.Id}", history.Fingerprint, html.ToString());
    }

    private static void Steps(StringBuilder html, Commands.Releases.Release release)
    {
        html.Append("<h3>Steps</h3><table class=\"steps\"><tr><th>#</th><th>Step</th><th>Cluster</th><th>Asked by</th><th>Asked</th><th>Status</th><th>Finished</th><th>Effective</th><th>Outcome</th></tr>");
        foreach (var step in release.Steps)
        {
            html.Append("<tr><td>").Append(E(step.Id)).Append("</td><td>").Append(E(step.Describe())).Append("</td><td>").Append(E(step.Cluster))
                .Append("</td><td>").Append(E(step.RequestedBy)).Append("</td><td>").Append(Time(step.RequestedAt))
                .Append("</td><td>").Append(E(step.Status.ToString())).Append("</td><td>").Append(Time(step.FinishedAt))
                .Append("</td><td>").Append(step.EffectiveWeight is { } weight ? $"{weight}%" : "—")
                .Append("</td><td>").Append(E(step.Outcome)).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Audit(StringBuilder html, ReleaseHistory history)
    {
        html.Append("<h3>Audit log of ").Append(E(history.Release.App)).Append(" <span class=\"muted\">(newest first, at most ")
            .Append(DashboardReader.AuditLimit).Append(")</span></h3>");
        if (history.Audit.Count == 0)
        {
            html.Append("<p class=\"muted\">No entries.</p>");
            return;
        }

        html.Append("<table class=\"audit\"><tr><th>When</th><th>Who</th><th>Where</th><th>Release</th><th>Command</th><th>Outcome</th><th>Detail</th></tr>");
        foreach (var entry in history.Audit)
        {
            var mine = entry.ReleaseId == history.Release.Id;
            html.Append(mine ? "<tr class=\"mine\">" : "<tr>").Append("<td>").Append(Time(entry.At)).Append("</td><td>").Append(E(entry.Actor))
                .Append("</td><td>").Append(E(entry.Conversation)).Append("</td><td>").Append(E(entry.ReleaseId))
                .Append("</td><td><code>").Append(E(entry.Command)).Append("</code></td><td>").Append(E(entry.Outcome.ToString()))
                .Append("</td><td>").Append(E(entry.Detail)).Append("</td></tr>");
        }

        html.Append("</table>");
    }
}
