using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Analysis;
using ChatOpsRelease.Commands.Tests.Fakes;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class CompareHandlerTests
{
    private const string BadHeadline =
        "Fail: the canary's error rate 2.5 % is above stable's 0.5 % by 2.0 points (95 % CI 1.3–2.8), more than the 0.5-point margin.";

    private static readonly DateTimeOffset AskedAt = new(2025, 3, 1, 9, 2, 0, TimeSpan.Zero);

    private readonly HandlerHarness _h = new();

    /// <summary>What the fake source answers: both sides of checkout's release over whatever window was asked for.</summary>
    internal static MetricsResult Found(MetricWindow window, long stableErrors, long canaryErrors, long canaryRequests = 2000, string? link = null) =>
        MetricsResult.Found(new ComparisonData(
            Samples.Series("stable", "v2.3.0", 2000, stableErrors, 0.2),
            Samples.Series("canary", "v2.4.0", canaryRequests, canaryErrors, 0.2),
            window,
            "sum(rate(http_requests_total[15s]))",
            link));

    [Fact]
    public async Task Compare_BadCanary_AnswersWithTheTableTheVerdictAndItsReasons()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 50);

        var reply = await _h.SayAsync("compare checkout");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        var lines = reply.Text.Split('\n');
        Assert.Equal(
            [
                BadHeadline,
                $"checkout v2.3.0 (stable) vs v2.4.0 (canary) — last 15 min (release {release.Id}, running as a canary):",
                "```",
                "side    version  requests  errors  error rate  p95",
                "stable  v2.3.0      2,000      10       0.5 %  200 ms",
                "canary  v2.4.0      2,000      50       2.5 %  200 ms",
                "```",
            ],
            lines[..7]);
        Assert.StartsWith("• Error rate difference (canary − stable): 2.0 points, 95 % CI 1.3–2.8, by Newcombe's", lines[7], StringComparison.Ordinal);
        Assert.StartsWith("• Rule: the error rate fails when the whole 95 % CI", lines[8], StringComparison.Ordinal);
        Assert.StartsWith("• p95 latency (request-weighted mean of the buckets' p95): stable 200 ms, canary 200 ms", lines[9], StringComparison.Ordinal);
        Assert.Equal("• Window: the last 15 min, 2025-03-01 08:47:00Z to 2025-03-01 09:02:00Z, in 15 s buckets.", lines[10]);
        Assert.Equal("• Query: sum(rate(http_requests_total[15s]))", lines[11]);
        Assert.Equal(12, lines.Length);
    }

    [Fact]
    public async Task Compare_WithData_AttachesTheChartWithItsTitle()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 50);

        var reply = await _h.SayAsync("compare checkout");

        const string Title = "checkout v2.3.0 (stable) vs v2.4.0 (canary) — last 15 min";
        var (data, verdict, title) = Assert.Single(_h.Charts.Calls);
        Assert.Equal(Title, title);
        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.Equal(50, data.Canary.Errors);
        var image = Assert.IsType<ReplyImage>(reply.Image);
        Assert.Equal($"compare-checkout-{release.Id}-20250301090200.png", image.FileName);
        Assert.Equal(FakeChartRenderer.Png, image.Png);
        Assert.Equal(Title, image.Title);
        Assert.Equal($"Chart of requests, error rates and p95 latency of {Title}. {BadHeadline}", image.AltText);
    }

    [Fact]
    public async Task Compare_RecordsTheVerdictWithTheRelease_WithoutMakingItsCardStale()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 50);

        await _h.SayAsync("compare checkout");

        var stored = _h.Store.Get(release.Id);
        var verdict = Assert.IsType<VerdictRecord>(stored.LastVerdict);
        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.Equal(BadHeadline, verdict.Headline);
        Assert.Equal(AskedAt, verdict.At);
        Assert.Equal("last 15 min", verdict.Window);
        Assert.Equal(release.Revision, stored.Revision);
        Assert.Equal(AuditOutcome.Answered, _h.Audit.Entries[^1].Outcome);
        Assert.Equal(release.Id, _h.Audit.Entries[^1].ReleaseId);
    }

    [Fact]
    public async Task Compare_NoData_IsInconclusiveWithoutAChart()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = _ => MetricsResult.Missing("Prometheus did not answer within 10 s.");

        var reply = await _h.SayAsync("compare canary");

        Assert.Equal(
            "Inconclusive: no data — Prometheus did not answer within 10 s.\n"
            + $"checkout v2.3.0 (stable) vs v2.4.0 (canary) — last 15 min (release {release.Id}, running as a canary):\n"
            + "• No data: Prometheus did not answer within 10 s.",
            reply.Text);
        Assert.Null(reply.Image);
        Assert.Empty(_h.Charts.Calls);
        Assert.Equal(VerdictOutcome.Inconclusive, _h.Store.Get(release.Id).LastVerdict!.Outcome);
    }

    [Fact]
    public async Task Compare_StarvedCanary_IsInconclusiveButStillDrawsTheData()
    {
        await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 1, canaryRequests: 37);

        var reply = await _h.SayAsync("compare checkout");

        Assert.StartsWith("Inconclusive: canary has 37 requests in the last 15 min; at least 200 are needed.\n", reply.Text, StringComparison.Ordinal);
        Assert.Contains("canary  v2.4.0         37       1       2.7 %  200 ms", reply.Text, StringComparison.Ordinal);
        Assert.NotNull(reply.Image);
    }

    [Fact]
    public async Task Compare_WithALink_ShowsIt()
    {
        await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 10, link: "https://kibana.example/app/discover#/q");

        var reply = await _h.SayAsync("compare checkout");

        Assert.EndsWith("\nDetails: https://kibana.example/app/discover#/q", reply.Text, StringComparison.Ordinal);
        Assert.StartsWith("Pass: ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_ChartThatCannotBeDrawn_KeepsTheVerdictAndSaysSo()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 50);
        _h.Charts.Failure = new InvalidOperationException("no fonts");

        var reply = await _h.SayAsync("compare checkout");

        Assert.StartsWith(BadHeadline, reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nThe chart could not be drawn; the bot's log says why.", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("no fonts", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Image);
        Assert.Equal(VerdictOutcome.Fail, _h.Store.Get(release.Id).LastVerdict!.Outcome);
    }

    [Fact]
    public async Task Compare_NewerVerdictStoredMeanwhile_IsKept()
    {
        var release = await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => Found(w, 10, 50);
        var later = new VerdictRecord { Outcome = VerdictOutcome.Pass, Headline = "Pass: later", At = AskedAt.AddMinutes(5), Window = "last 1 h" };
        _h.Store.BeforeNextUpdate = () => _h.Store.Update(release.Id, r => r.LastVerdict = later);

        await _h.SayAsync("compare checkout");

        Assert.Equal("Pass: later", _h.Store.Get(release.Id).LastVerdict!.Headline);
    }
}
