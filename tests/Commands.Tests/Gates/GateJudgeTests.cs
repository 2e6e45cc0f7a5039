using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Commands.Tests.Gates;

public sealed class GateJudgeTests
{
    private static readonly GateMetric Cpu = GateMetric.BuiltIn["cpu"];
    private static readonly GateMetric Restarts = GateMetric.BuiltIn["restarts"];
    private static readonly GateMetric Availability = GateMetric.BuiltIn["availability"];
    private static readonly GateMetric Conversion = new("conversion", GateMetricKind.Custom, MetricDirection.HigherIsBetter, 0.05, 2, false) { MinSamples = 5 };

    private static MetricReading Reading(double? stable, double? canary, int samples = 10, string? note = null) =>
        new(new SideReading(stable, samples, []), new SideReading(canary, samples, [], note), "q", null);

    private static Verdict Errors(VerdictOutcome outcome) => new(outcome, $"{outcome}: the error rates say so.", ["errors reason"], null, null, null);

    [Theory]
    [InlineData(0.10, 0.12, VerdictOutcome.Pass)]
    [InlineData(0.10, 0.14, VerdictOutcome.Fail)]
    [InlineData(0.10, 0.08, VerdictOutcome.Pass)]
    [InlineData(0.0, 0.01, VerdictOutcome.Fail)]
    public void Cpu_FailsWhenTheCanaryIsMoreThanTheToleranceHigher(double stable, double canary, VerdictOutcome expected)
    {
        Assert.Equal(expected, GateJudge.Judge(Cpu, Reading(stable, canary)).Outcome);
    }

    [Fact]
    public void AHeavyCanary_IsNamedWithItsNumbers()
    {
        var row = GateJudge.Judge(Cpu, Reading(0.10, 0.14));

        Assert.Equal(("0.100 cores/pod", "0.140 cores/pod"), (row.Stable, row.Canary));
        Assert.Equal("the canary is 40 % higher than stable, more than the 25 % allowed", row.Reason);
    }

    [Theory]
    [InlineData(0.030, 0.029, VerdictOutcome.Pass)]
    [InlineData(0.030, 0.025, VerdictOutcome.Fail)]
    public void AKpiWhereHigherIsBetter_FailsWhenItDropsTooFar(double stable, double canary, VerdictOutcome expected)
    {
        Assert.Equal(expected, GateJudge.Judge(Conversion, Reading(stable, canary)).Outcome);
    }

    [Fact]
    public void TooFewSamples_OrNoData_IsInconclusive_NeverPass()
    {
        var thin = GateJudge.Judge(Conversion, Reading(0.03, 0.03, samples: 2));
        var missing = GateJudge.Judge(Conversion, MetricReading.Missing("Prometheus has no series for it", "q"));
        var oneSide = GateJudge.Judge(Cpu, Reading(0.1, null));

        Assert.Equal((VerdictOutcome.Inconclusive, "stable has 2 samples; at least 5 needed"), (thin.Outcome, thin.Reason));
        Assert.Equal((VerdictOutcome.Inconclusive, "no data — Prometheus has no series for it"), (missing.Outcome, missing.Reason));
        Assert.Equal(VerdictOutcome.Inconclusive, oneSide.Outcome);
    }

    [Fact]
    public void Restarts_CountAgainstStable_WithTheReason()
    {
        var row = GateJudge.Judge(Restarts, Reading(0, 3, samples: 4, note: "OOMKilled ×3"));

        Assert.Equal(VerdictOutcome.Fail, row.Outcome);
        Assert.Equal("3 (OOMKilled ×3)", row.Canary);
        Assert.Equal(VerdictOutcome.Pass, GateJudge.Judge(Restarts, Reading(1, 1, samples: 4)).Outcome);
    }

    [Fact]
    public void Availability_FailsWhenTheCanaryIsReadyLessOften()
    {
        Assert.Equal(VerdictOutcome.Fail, GateJudge.Judge(Availability, Reading(1.0, 0.9)).Outcome);
        Assert.Equal(VerdictOutcome.Pass, GateJudge.Judge(Availability, Reading(1.0, 0.995)).Outcome);
    }

    [Fact]
    public void ACriticalFail_FailsTheStep_WhateverTheRest()
    {
        var verdict = GateVerdict.Combine(Errors(VerdictOutcome.Pass),
            [GateJudge.Judge(Restarts, Reading(0, 2, samples: 4)), GateJudge.Judge(Cpu, Reading(0.1, 0.1))]);

        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.StartsWith("Fail: restarts failed", verdict.Headline, StringComparison.Ordinal);
        Assert.Contains("restarts: Fail — the canary restarted 2 times against 0 for stable (tolerance 0).", verdict.Reasons);
    }

    [Fact]
    public void NonCriticalMetrics_FailByWeight()
    {
        var cpuFails = GateJudge.Judge(Cpu, Reading(0.1, 0.2));
        var conversionPasses = GateJudge.Judge(Conversion, Reading(0.03, 0.03));

        // cpu (weight 1) fails, conversion (weight 2) passes: a third of the weight fails — Pass.
        Assert.Equal(VerdictOutcome.Pass, GateVerdict.Combine(Errors(VerdictOutcome.Pass), [cpuFails, conversionPasses]).Outcome);

        // conversion (weight 2) fails, cpu (weight 1) passes: two thirds fail — Fail.
        var verdict = GateVerdict.Combine(Errors(VerdictOutcome.Pass),
            [GateJudge.Judge(Cpu, Reading(0.1, 0.1)), GateJudge.Judge(Conversion, Reading(0.03, 0.02))]);
        Assert.Equal(VerdictOutcome.Fail, verdict.Outcome);
        Assert.Contains("conversion failed — 2 of the 3 weight judged", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInconclusiveCriticalMetric_LeavesTheStepInconclusive_AndUnjudgedOnesAreNamed()
    {
        var waiting = GateVerdict.Combine(Errors(VerdictOutcome.Inconclusive), [GateJudge.Judge(Cpu, Reading(0.1, 0.1))]);
        var passing = GateVerdict.Combine(Errors(VerdictOutcome.Pass), [GateJudge.Judge(Cpu, MetricReading.Missing("no Prometheus"))]);

        Assert.Equal(VerdictOutcome.Inconclusive, waiting.Outcome);
        Assert.StartsWith("Inconclusive: errors cannot be judged yet", waiting.Headline, StringComparison.Ordinal);
        Assert.Equal(VerdictOutcome.Pass, passing.Outcome);
        Assert.Contains("cpu had no usable data", passing.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutOtherMetrics_TheErrorsVerdictStandsAsItWas()
    {
        var errors = Errors(VerdictOutcome.Fail);

        Assert.Same(errors, GateVerdict.Combine(errors, []));
    }
}
