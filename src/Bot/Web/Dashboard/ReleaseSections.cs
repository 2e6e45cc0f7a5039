using System.Text;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Releases;
using static ChatOpsRelease.Bot.Web.Dashboard.DashboardHtml;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>The parts of a release both pages show: where it stands, its rules, its plan, its approvals and schedules.</summary>
internal static class ReleaseSections
{
    public static void Summary(StringBuilder html, Release release)
    {
        html.Append("<table class=\"summary\"><tr><th>State</th><td class=\"state\" data-field=\"state\">").Append(E(ReleaseRules.Describe(release.State))).Append("</td></tr>")
            .Append(Traffic(release))
            .Append("<tr><th>Versions</th><td>").Append(E(release.FromVersion)).Append(" → ").Append(E(release.ToVersion)).Append("</td></tr>")
            .Append("<tr><th>Where</th><td>cluster ").Append(E(release.Cluster)).Append(", namespace ").Append(E(release.Namespace)).Append("</td></tr>")
            .Append("<tr><th>Started</th><td>").Append(Time(release.CreatedAt)).Append(" by ").Append(E(release.RequestedBy)).Append("</td></tr>")
            .Append("<tr><th>Header rules</th><td data-field=\"rules\">").Append(Rules(release)).Append("</td></tr>")
            .Append("<tr><th>Latest verdict</th><td data-field=\"verdict\">").Append(Verdict(release)).Append("</td></tr></table>");
    }

    /// <summary>A canary's weights, or which colour of a blue-green release is live.</summary>
    private static string Traffic(Release release)
    {
        if (release.Strategy != ReleaseStrategy.BlueGreen)
        {
            return $"<tr><th>Weight</th><td data-field=\"weight\">{release.RequestedWeight}% requested, {release.EffectiveWeight}% effective</td></tr>";
        }

        var colours = E(release.IsActive ? release.ColoursText() : $"blue-green, {ReleaseRules.Describe(release.State)}");
        return $"<tr><th>Colours</th><td data-field=\"weight\">{colours}</td></tr>";
    }

    public static void Plan(StringBuilder html, Release release)
    {
        if (release.Plan is not { } plan)
        {
            html.Append("<h3>Plan</h3><p class=\"muted\">No plan: promoted by hand.</p>");
            return;
        }

        html.Append("<h3>Plan ").Append(E(plan.Name)).Append(release.Auto ? " (automatic)" : string.Empty).Append("</h3><ol class=\"plan\">");
        var planned = release.PlannedIndex;
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var current = i == release.PlanIndex;
            html.Append(current ? "<li class=\"current\" aria-current=\"step\">" : "<li>").Append(E(PlanTexts.Step(plan.Steps[i])));
            if (current)
            {
                html.Append(" ◀ in force");
            }
            else if (i == planned && planned > release.PlanIndex)
            {
                html.Append(" (being applied)");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
    }

    public static void Consent(StringBuilder html, Release release, bool pendingOnly)
    {
        var approvals = release.Approvals.Where(a => !pendingOnly || a.IsPending).ToList();
        var schedules = release.Schedules.Where(s => !pendingOnly || s.IsPending).ToList();
        html.Append("<h3>").Append(pendingOnly ? "Pending approvals" : "Approvals").Append("</h3>");
        if (approvals.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Step</th><th>Asked by</th><th>Reason</th><th>Votes</th><th>State</th><th>Expires</th></tr>");
            foreach (var a in approvals)
            {
                html.Append("<tr><td>").Append(E(a.StepText)).Append("</td><td>").Append(E(a.RequestedBy.ToString())).Append("</td><td>").Append(E(a.Reason))
                    .Append("</td><td>").Append(a.Votes.Count).Append(" of ").Append(a.Quorum).Append(a.TwoPersonRule ? " (two-person rule)" : string.Empty)
                    .Append("</td><td>").Append(E(a.State.ToString())).Append(a.Note is { } note ? $": {E(note)}" : string.Empty)
                    .Append("</td><td>").Append(Time(a.ExpiresAt)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h3>").Append(pendingOnly ? "Scheduled promotions" : "Schedules").Append("</h3>");
        if (schedules.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>");
            return;
        }

        html.Append("<table><tr><th>What</th><th>At</th><th>Asked by</th><th>State</th></tr>");
        foreach (var s in schedules)
        {
            html.Append("<tr><td>").Append(E(s.What)).Append(" <code>").Append(E(s.Command)).Append("</code></td><td>").Append(Time(s.At))
                .Append(" (asked in ").Append(E(s.TimeZone)).Append(")</td><td>").Append(E(s.RequestedBy.ToString()))
                .Append("</td><td>").Append(E(s.State.ToString())).Append(s.Outcome is { } outcome ? $": {E(outcome)}" : string.Empty).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    public static string ChartUrl(Release release) => $"/releases/{U(release.Id)}/chart.png?r={release.Revision}";

    private static string Rules(Release release) =>
        release.Rules.Count == 0
            ? "none"
            : string.Join("; ", release.Rules.Select(r => E(r.Describe()) + (r.ExpiresAt is { } until ? $" (until {Time(until)})" : string.Empty)));

    private static string Verdict(Release release) =>
        release.LastVerdict is { } v
            ? $"<span class=\"{E(v.Outcome.ToString())}\">{E(v.Outcome.ToString())}</span>: {E(v.Headline)} <span class=\"muted\">({E(v.Window)}, {Time(v.At)})</span>"
                + Gates(v)
            : "<span class=\"muted\">no comparison yet</span>";

    /// <summary>The gate metrics of the comparison, one line each, when the app has any besides errors.</summary>
    private static string Gates(VerdictRecord verdict) =>
        verdict.Gates.Count == 0
            ? string.Empty
            : "<ul class=\"gates\">" + string.Concat(verdict.Gates.Select(g =>
                $"<li data-gate=\"{E(g.Name)}\"><span class=\"{E(g.Outcome.ToString())}\">{E(g.Name)}: {E(g.Outcome.ToString())}</span> — stable {E(g.Stable)}, canary {E(g.Canary)}: {E(g.Reason)}</li>")) + "</ul>";
}
