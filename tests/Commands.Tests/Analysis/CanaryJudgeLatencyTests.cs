using ChatOpsRelease.Commands.Analysis;
using static ChatOpsRelease.Commands.Tests.Analysis.Samples;

namespace ChatOpsRelease.Commands.Tests.Analysis;

public sealed class CanaryJudgeLatencyTests
{
    // A one-point margin, as in the worked examples of docs/analysis.md; the default (half a point) has its own test.
    private static readonly AnalysisSettings Defaults = new() { MaxErrorRateIncrease = 0.01 };

    [Fact]
    public void Judge_SlowCanaryWithEqualErrors_FailsOnLatencyAlone()
    {
        var verdict = CanaryJudge.Judge(Data(4000, 20, 4000, 20, stableP95: 0.2, canaryP95: 0.31), null, Defaults);

        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.Equal("Fail: the canary's p95 latency 310 ms is 1.55 × stable's 200 ms, more than the 1.25 × allowed.", verdict.Headline);
        Assert.Contains("p95 latency (request-weighted mean of the buckets' p95): stable 200 ms, canary 310 ms, 1.55 × stable's; "
            + "more than the 1.25 × allowed, so the canary is too slow.", verdict.Reasons);
        Assert.Contains(verdict.Reasons, r => r.EndsWith("here its upper end 0.32 is at or below 1.", StringComparison.Ordinal));
        Assert.Equal(1.55, verdict.Numbers!.P95Ratio!.Value, 6);
    }

    [Fact]
    public void Judge_SlowAndFailingCanary_SaysBoth()
    {
        var verdict = CanaryJudge.Judge(Data(2000, 10, 2000, 50, stableP95: 0.2, canaryP95: 0.31), null, Defaults);

        Assert.Equal("Fail: the canary's error rate 2.5 % is above stable's 0.5 % by 2.0 points (95 % CI 1.3–2.8), more than the 1-point margin. "
            + "Its p95 latency is also 1.55 × stable's, more than the 1.25 × allowed.", verdict.Headline);
    }

    [Fact]
    public void Judge_CanarySlowerWithinTheLimit_Passes()
    {
        var verdict = CanaryJudge.Judge(Data(4000, 20, 4000, 20, stableP95: 0.2, canaryP95: 0.24), null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.EndsWith("within the 1-point margin; p95 latency 1.20 × stable's (limit 1.25 ×).", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UnknownCanaryLatency_IsReportedAsUnknownNotAsAPassReason()
    {
        var verdict = CanaryJudge.Judge(Data(4000, 20, 4000, 20, canaryP95: null), null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.EndsWith("within the 1-point margin; p95 latency unknown.", verdict.Headline, StringComparison.Ordinal);
        Assert.Contains("p95 latency unknown: canary reported no p95; latency is not judged (the limit is 1.25 ×).", verdict.Reasons);
        Assert.Equal("Canary v2.0.0: 4,000 requests, 20 errors (0.5 %), p95 unknown.", verdict.Reasons[1]);
        Assert.Null(verdict.Numbers!.P95Ratio);
    }

    [Fact]
    public void Judge_LatencyUnknownWhileErrorsAreBorderline_StaysInconclusive()
    {
        var verdict = CanaryJudge.Judge(Data(2000, 10, 2000, 26, stableP95: null, canaryP95: null), null, Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.Contains("p95 latency unknown: stable reported no p95 and canary reported no p95; latency is not judged (the limit is 1.25 ×).", verdict.Reasons);
    }

    [Fact]
    public void Judge_P95CoveringTooFewRequests_IsUnknown()
    {
        var canary = new VersionSeries("canary", "v2.0.0",
        [
            new MetricBucket(Window.From, 3900, 20, null, null, null),
            new MetricBucket(Window.From.AddSeconds(30), 100, 0, null, 9.0, null),
        ]);
        var data = Data(4000, 20, 4000, 20) with { Canary = canary };

        var verdict = CanaryJudge.Judge(data, null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.Contains("p95 latency unknown: canary's p95 covers only 100 requests (at least 200 are needed); latency is not judged (the limit is 1.25 ×).",
            verdict.Reasons);
    }

    [Fact]
    public void LatencySummary_WeightsEachBucketsP95ByItsRequests_AndSkipsBucketsWithoutOne()
    {
        // (100 × 0.1 + 300 × 0.3) / 400 = 0.25; the empty bucket and the bucket without a p95 do not count.
        var side = new VersionSeries("canary", "v2", [
            new MetricBucket(Window.From, 100, 0, null, 0.1, null),
            new MetricBucket(Window.From.AddSeconds(30), 300, 0, null, 0.3, null),
            new MetricBucket(Window.From.AddSeconds(60), 0, 0, null, 9.9, null),
            new MetricBucket(Window.From.AddSeconds(90), 200, 0, null, null, null),
        ]);

        var summary = LatencySummary.Of(side);

        Assert.Equal(0.25, summary.P95!.Value, 12);
        Assert.Equal(400, summary.RequestsWithP95);
        Assert.Equal(2, summary.BucketsWithP95);
    }

    [Theory]
    [InlineData(0.3104, "310 ms")]
    [InlineData(0.0045, "4.5 ms")]
    [InlineData(1.2371, "1.24 s")]
    public void Latency_IsWrittenInMillisecondsBelowASecond(double seconds, string text)
    {
        Assert.Equal(text, VerdictTexts.Latency(seconds));
    }

    [Theory]
    [InlineData(0.026, "2.6 %")]
    [InlineData(0.005, "0.5 %")]
    [InlineData(0.0052, "0.52 %")]
    [InlineData(0.000123, "0.012 %")]
    [InlineData(0.02, "2.0 %")]
    [InlineData(0.0, "0 %")]
    [InlineData(1.0, "100.0 %")]
    public void Percent_ShowsTwoSignificantDigitsBelowOnePercent(double rate, string text)
    {
        Assert.Equal(text, VerdictTexts.Percent(rate));
    }
}
