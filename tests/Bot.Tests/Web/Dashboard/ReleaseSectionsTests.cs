using System.Text;
using ChatOpsRelease.Bot.Web.Dashboard;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web.Dashboard;

public sealed class ReleaseSectionsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static string Summary(Release release)
    {
        var html = new StringBuilder();
        ReleaseSections.Summary(html, release);
        return html.ToString();
    }

    [Fact]
    public void TheLatestComparison_ListsItsGates_Escaped()
    {
        var release = new Release
        {
            App = "checkout", FromVersion = "v1", ToVersion = "v2", CreatedAt = At,
            LastVerdict = new VerdictRecord
            {
                Outcome = VerdictOutcome.Fail, Headline = "Fail: cpu failed.", At = At, Window = "last 15 min",
                Gates = [new GateRecord { Name = "cpu", Outcome = VerdictOutcome.Fail, Stable = "0.100 cores/pod", Canary = "0.140 cores/pod", Reason = "40 % higher <than> stable" }],
            },
        };

        var html = Summary(release);

        Assert.Contains("<li data-gate=\"cpu\"><span class=\"Fail\">cpu: Fail</span> — stable 0.100 cores/pod, canary 0.140 cores/pod: 40 % higher &lt;than&gt; stable</li>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Weight</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ABlueGreenRelease_ShowsItsColours_InsteadOfWeights()
    {
        var release = new Release { App = "checkout", FromVersion = "v1", ToVersion = "v2", CreatedAt = At, Strategy = ReleaseStrategy.BlueGreen };

        var preview = Summary(release);
        release.SwitchedAt = At;
        release.KeepOldUntil = At.AddMinutes(30);
        var switched = Summary(release);

        Assert.Contains("<th>Colours</th><td data-field=\"weight\">v1 live; v2 in preview</td>", preview, StringComparison.Ordinal);
        Assert.Contains("v2 live; v1 kept until", switched, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul class=\"gates\">", preview, StringComparison.Ordinal);
    }
}
