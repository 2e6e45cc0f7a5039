using ChatOpsRelease.Commands.Analysis;
using static ChatOpsRelease.Commands.Tests.Analysis.Samples;

namespace ChatOpsRelease.Commands.Tests.Analysis;

/// <summary>No data, too little data and impossible data: always Inconclusive — never a silent Pass, never a Fail.</summary>
public sealed class CanaryJudgeDataTests
{
    private static readonly AnalysisSettings Defaults = new();

    [Fact]
    public void Judge_NoData_IsInconclusiveWithTheSourcesReason()
    {
        var verdict = CanaryJudge.Judge(null, "Prometheus did not answer: connection refused.", Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.Equal("Inconclusive: no data — Prometheus did not answer: connection refused.", verdict.Headline);
        Assert.Equal(["No data: Prometheus did not answer: connection refused."], verdict.Reasons);
        Assert.Null(verdict.Numbers);
        Assert.Null(verdict.Query);
    }

    [Fact]
    public void Judge_NoDataWithoutAReason_SaysTheSourceReturnedNothing()
    {
        Assert.Equal("Inconclusive: no data — the metric source returned nothing.", CanaryJudge.Judge(null, null, Defaults).Headline);
    }

    [Fact]
    public void Judge_StarvedCanary_NamesTheSideAndTheCounts()
    {
        var verdict = CanaryJudge.Judge(Data(4000, 20, 37, 30), null, Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.Equal("Inconclusive: canary has 37 requests in the last 15 min; at least 200 are needed.", verdict.Headline);
        Assert.Equal(
            [
                "Stable v1.0.0: 4,000 requests, 20 errors (0.5 %), p95 200 ms.",
                "Canary v2.0.0: 37 requests, 30 errors (81.1 %), p95 200 ms.",
                "A verdict needs at least 200 requests on each side, so neither the error rate nor the latency is judged yet.",
                "Window: the last 15 min, 2025-03-01 09:45:00Z to 2025-03-01 10:00:00Z, in 30 s buckets.",
                $"Query: {Query}",
            ],
            verdict.Reasons);
        Assert.Equal(37, verdict.Numbers!.CanaryRequests);
        Assert.Null(verdict.Numbers.DifferenceLow);
    }

    [Fact]
    public void Judge_StarvedStable_NamesStable()
    {
        var verdict = CanaryJudge.Judge(Data(120, 0, 4000, 20), null, Defaults);

        Assert.Equal("Inconclusive: stable has 120 requests in the last 15 min; at least 200 are needed.", verdict.Headline);
    }

    [Fact]
    public void Judge_BothSidesStarved_NamesBoth()
    {
        var verdict = CanaryJudge.Judge(Data(120, 0, 1, 1), null, Defaults);

        Assert.Equal("Inconclusive: stable has 120 and canary has 1 request in the last 15 min; at least 200 are needed on each side.", verdict.Headline);
    }

    [Fact]
    public void Judge_CanaryWithoutRequests_SaysSo()
    {
        var verdict = CanaryJudge.Judge(Data(4000, 20, 0, 0), null, Defaults);

        Assert.Equal("Inconclusive: canary has 0 requests in the last 15 min; at least 200 are needed.", verdict.Headline);
        Assert.Equal("Canary v2.0.0: no requests.", verdict.Reasons[1]);
    }

    [Fact]
    public void Judge_MoreErrorsThanRequests_IsInconclusiveAndPointsAtTheQuery()
    {
        var verdict = CanaryJudge.Judge(Data(4000, 20, 300, 301), null, Defaults);

        Assert.Equal(VerdictOutcome.Inconclusive, verdict.Outcome);
        Assert.Equal("Inconclusive: the metric source reported 301 errors out of 300 requests for canary, which cannot be.", verdict.Headline);
        Assert.Contains("the metric source reported 301 errors out of 300 requests for canary, which cannot be; check the metric source's query.",
            verdict.Reasons);
    }
}
