using System.Text;
using ChatOpsRelease.Commands.Handlers;
using static ChatOpsRelease.Bot.Web.Dashboard.DashboardHtml;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>The overview at <c>/</c>: every release in progress, by app and cluster.</summary>
internal static class DashboardPage
{
    public static string Render(DashboardOverview overview)
    {
        var html = new StringBuilder();
        html.Append("<h1>Releases in progress</h1><p class=\"muted\">As of ").Append(Time(overview.Now))
            .Append("; this page redraws itself when a release changes.</p>");
        if (overview.Releases.Count == 0)
        {
            html.Append("<p data-field=\"empty\">No release is in progress. Start one in chat with <code>deploy &lt;app&gt; &lt;version&gt;</code>.</p>");
        }

        foreach (var release in overview.Releases)
        {
            html.Append("<section class=\"release\" data-release=\"").Append(E(release.Id)).Append("\" data-app=\"").Append(E(release.App)).Append("\">")
                .Append("<h2>").Append(E(release.App)).Append(" <span class=\"muted\">in ").Append(E(release.Cluster)).Append("</span></h2>")
                .Append("<p><a href=\"/releases/").Append(U(release.Id)).Append("\">release ").Append(E(release.Id)).Append(" — history</a>");
            if (PlanTexts.Where(release, overview.Now) is { } where)
            {
                html.Append(" · ").Append(E(where));
            }

            html.Append("</p>");
            ReleaseSections.Summary(html, release);
            html.Append("<h3>Canary vs stable</h3><img class=\"chart\" alt=\"Requests, error rates and p95 latency of ")
                .Append(E(release.Title)).Append(", stable vs canary\" src=\"").Append(ReleaseSections.ChartUrl(release)).Append("\" width=\"900\" height=\"750\">");
            ReleaseSections.Plan(html, release);
            ReleaseSections.Consent(html, release, pendingOnly: true);
            html.Append("</section>");
        }

        return Layout("Releases", overview.Fingerprint, html.ToString());
    }
}
