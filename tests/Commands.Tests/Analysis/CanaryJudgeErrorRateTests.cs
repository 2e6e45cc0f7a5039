using ChatOpsRelease.Commands.Analysis;
using static ChatOpsRelease.Commands.Tests.Analysis.Samples;

namespace ChatOpsRelease.Commands.Tests.Analysis;

/// <summary>
/// The error-rate rule at the defaults (1-point margin, 95 %, 200 requests). Every interval quoted here is Newcombe's
/// hybrid score interval worked out from the Wilson limits of each side (see ProportionIntervalsTests for the method
/// against published values).
/// </summary>
public sealed class CanaryJudgeErrorRateTests
{
    // A one-point margin, as in the worked examples of docs/analysis.md; the default (half a point) has its own test.
    private static readonly AnalysisSettings Defaults = new() { MaxErrorRateIncrease = 0.01 };

    [Fact]
    public void Judge_DefaultMargin_IsHalfAPoint_SoAFiveTimesWorseCanaryFailsInItsFirstMinute()
    {
        // A minute of a 10 % canary at 100 requests/s: 600 canary requests with 15 errors (2.5 %) against 5,400 stable
        // with 27 (0.5 %). The interval's low end, about 1 point, clears half a point but not a whole one.
        var data = Data(5400, 27, 600, 15);

        Assert.Equal(0.005, new AnalysisSettings().MaxErrorRateIncrease);
        Assert.Equal(VerdictOutcome.Fail, CanaryJudge.Judge(data, null, new AnalysisSettings()).Outcome);
        Assert.Equal(VerdictOutcome.Inconclusive, CanaryJudge.Judge(data, null, Defaults).Outcome);
    }

    [Fact]
    public void Judge_ClearlyBadCanary_Fails()
    {
        // 0.5 % (10/2000) against 2.5 % (50/2000): d = 2.0 points, interval 1.270 to 2.813 — all of it above 1.
        var verdict = CanaryJudge.Judge(Data(2000, 10, 2000, 50), null, Defaults);

        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.Equal("Fail: the canary's error rate 2.5 % is above stable's 0.5 % by 2.0 points (95 % CI 1.3–2.8), more than the 1-point margin.",
            verdict.Headline);
        Assert.Equal(0.01270, verdict.Numbers!.DifferenceLow!.Value, 5);
        Assert.Equal(0.02813, verdict.Numbers.DifferenceHigh!.Value, 5);
    }

    [Fact]
    public void Judge_ClearlyBadCanary_GivesEveryReason()
    {
        var verdict = CanaryJudge.Judge(Data(2000, 10, 2000, 50, link: "https://kibana/x"), null, Defaults);

        Assert.Equal(
            [
                "Stable v1.0.0: 2,000 requests, 10 errors (0.5 %), p95 200 ms.",
                "Canary v2.0.0: 2,000 requests, 50 errors (2.5 %), p95 200 ms.",
                "Error rate difference (canary − stable): 2.0 points, 95 % CI 1.3–2.8, by Newcombe's hybrid score interval "
                    + "(from the Wilson score interval of each rate).",
                "Rule: the error rate fails when the whole 95 % CI of the difference is above the 1-point margin, passes when all of it "
                    + "is at or below the margin, and is inconclusive otherwise; here its lower end 1.3 is above 1.",
                "p95 latency (request-weighted mean of the buckets' p95): stable 200 ms, canary 200 ms, 1.00 × stable's; within the 1.25 × limit.",
                "Window: the last 15 min, 2025-03-01 09:45:00Z to 2025-03-01 10:00:00Z, in 30 s buckets.",
                $"Query: {Query}",
            ],
            verdict.Reasons);
        Assert.Equal(Query, verdict.Query);
        Assert.Equal("https://kibana/x", verdict.Link);
    }

    [Fact]
    public void Judge_TwoPointSixAgainstHalfAPercentAtFourThousand_Fails()
    {
        // 20/4000 against 104/4000: d = 2.1 points, interval 1.575 to 2.668.
        var verdict = CanaryJudge.Judge(Data(4000, 20, 4000, 104), null, Defaults);

        Assert.Equal("Fail: the canary's error rate 2.6 % is above stable's 0.5 % by 2.1 points (95 % CI 1.6–2.7), more than the 1-point margin.",
            verdict.Headline);
    }

    [Fact]
    public void Judge_SlightlyWorseWithinMargin_Passes()
    {
        // 15/3000 against 30/3000: d = 0.5 points, interval 0.060 to 0.967 — worse, but credibly by less than 1 point.
        var verdict = CanaryJudge.Judge(Data(3000, 15, 3000, 30), null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.Equal("Pass: the canary's error rate 1.0 % is above stable's 0.5 % by 0.50 points (95 % CI 0.06–0.97), within the 1-point margin; "
            + "p95 latency 1.00 × stable's (limit 1.25 ×).", verdict.Headline);
        Assert.Contains("here its upper end 0.97 is at or below 1.", verdict.Reasons[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_Borderline_IsInconclusive()
    {
        // 10/2000 against 26/2000: d = 0.8 points, interval 0.214 to 1.440 — it may be more than 1 point, or not.
        var verdict = CanaryJudge.Judge(Data(2000, 10, 2000, 26), null, Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.Equal("Inconclusive: the canary's error rate 1.3 % is above stable's 0.5 % by 0.8 points (95 % CI 0.2–1.4), "
            + "which may or may not be more than the 1-point margin; more requests will tell.", verdict.Headline);
        Assert.Contains("here it reaches from 0.2 to 1.4, across 1.", verdict.Reasons[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_IdenticalVersions_Pass()
    {
        // 20/4000 on both sides: d = 0, interval ±0.323 points.
        var verdict = CanaryJudge.Judge(Data(4000, 20, 4000, 20), null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.StartsWith("Pass: the canary's error rate 0.5 % equals stable's 0.5 % (95 % CI of the difference -0.32 to 0.32), within the 1-point margin;",
            verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ZeroErrorsOnBothSidesWithEnoughRequests_Passes()
    {
        // 0/2000 on both sides: each end is the other side's Wilson upper limit, 3.841/2003.841 = 0.19 points.
        var verdict = CanaryJudge.Judge(Data(2000, 0, 2000, 0), null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.StartsWith("Pass: the canary's error rate 0 % equals stable's 0 % (95 % CI of the difference -0.19 to 0.19)", verdict.Headline, StringComparison.Ordinal);
        Assert.Equal("Stable v1.0.0: 2,000 requests, 0 errors (0 %), p95 200 ms.", verdict.Reasons[0]);
    }

    [Fact]
    public void Judge_ZeroErrorsOnBothSidesAtTheMinimum_IsInconclusive()
    {
        // 0/200 on both sides: each end is 3.841/203.841 = 1.9 points — 200 error-free requests cannot rule out a
        // canary 1.9 points worse, so "no errors" is not yet a Pass against a 1-point margin.
        var verdict = CanaryJudge.Judge(Data(200, 0, 200, 0), null, Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.StartsWith("Inconclusive: the canary's error rate 0 % equals stable's 0 % (95 % CI of the difference -1.9 to 1.9)", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TinyCountsWithNoStableErrors_IsInconclusiveNotFail()
    {
        // 0/250 against 3/250: d = 1.2 points, above the margin, but the interval -0.51 to 3.47 reaches below zero.
        var verdict = CanaryJudge.Judge(Data(250, 0, 250, 3), null, Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.StartsWith("Inconclusive: the canary's error rate 1.2 % is above stable's 0 % by 1.2 points (95 % CI -0.5 to 3.5)", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CanaryBetterThanStable_PassesAndSaysBelow()
    {
        // 10/2000 against 5/2000: d = -0.25 points, interval -0.692 to 0.154.
        var verdict = CanaryJudge.Judge(Data(2000, 10, 2000, 5), null, Defaults);

        Assert.Equal(VerdictOutcome.Pass, verdict.Outcome);
        Assert.StartsWith("Pass: the canary's error rate 0.25 % is below stable's 0.5 % by 0.25 points (difference -0.25, 95 % CI -0.69 to 0.15), within",
            verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OtherSettings_ShowTheirConfidenceAndMargin()
    {
        // 56/70 against 48/80 at 90 %: d = 20 points, interval 7.66 to 31.36 (Newcombe's example, narrowed to 90 %).
        var settings = new AnalysisSettings { Confidence = 0.90, MaxErrorRateIncrease = 0.05, MinRequests = 50 };

        var verdict = CanaryJudge.Judge(Data(80, 48, 70, 56), null, settings);

        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.Equal("Fail: the canary's error rate 80.0 % is above stable's 60.0 % by 20.0 points (90 % CI 7.7–31.4), more than the 5-point margin.",
            verdict.Headline);
    }

    [Fact]
    public void Judge_ConfidenceOutsideZeroToOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CanaryJudge.Judge(Data(2000, 10, 2000, 10), null, new AnalysisSettings { Confidence = 95 }));
    }
}
