using ChatOpsRelease.Commands.Analysis;
using MathNet.Numerics.Distributions;
using static ChatOpsRelease.Commands.Tests.Analysis.Samples;

namespace ChatOpsRelease.Commands.Tests.Analysis;

/// <summary>
/// How often the judge is wrong, over many simulated windows (seeded, so every run draws the same samples): a canary
/// as good as stable, or exactly at the margin, must fail at most 1 − Confidence of the time; the rule's own level
/// is half that (each end of a two-sided 95 % interval errs 2.5 % of the time).
/// </summary>
public sealed class CanaryJudgeSimulationTests
{
    private const int Runs = 1000;
    private const int Requests = 2000;

    [Fact]
    public void Judge_SameErrorRateOnBothSides_RarelyFails()
    {
        var outcomes = Simulate(stableRate: 0.005, canaryRate: 0.005, new AnalysisSettings(), seed: 1);

        Assert.True(outcomes[VerdictOutcome.Fail] <= Runs * 0.05, $"{outcomes[VerdictOutcome.Fail]} of {Runs} equal canaries failed.");
    }

    [Fact]
    public void Judge_SameErrorRateWithNoMargin_FailsAtMostFivePercentOfTheTime()
    {
        // With no margin a Fail needs only "credibly worse", the hardest case for false alarms.
        var settings = new AnalysisSettings { MaxErrorRateIncrease = 0 };

        var outcomes = Simulate(stableRate: 0.005, canaryRate: 0.005, settings, seed: 2);

        Assert.True(outcomes[VerdictOutcome.Fail] <= Runs * 0.05, $"{outcomes[VerdictOutcome.Fail]} of {Runs} equal canaries failed.");
    }

    [Fact]
    public void Judge_CanaryExactlyAtTheMargin_FailsAndPassesAtMostFivePercentOfTheTime()
    {
        // 0.5 % against 1.0 %: worse by exactly the default margin. Neither Fail nor Pass is right; both must be rare.
        var settings = new AnalysisSettings();
        var outcomes = Simulate(stableRate: 0.005, canaryRate: 0.005 + settings.MaxErrorRateIncrease, settings, seed: 3);

        Assert.True(outcomes[VerdictOutcome.Fail] <= Runs * 0.05, $"{outcomes[VerdictOutcome.Fail]} of {Runs} canaries at the margin failed.");
        Assert.True(outcomes[VerdictOutcome.Pass] <= Runs * 0.05, $"{outcomes[VerdictOutcome.Pass]} of {Runs} canaries at the margin passed.");
    }

    [Fact]
    public void Judge_ClearlyBadCanaryAtFourThousandRequests_AlmostAlwaysFails()
    {
        // 0.5 % against 2.5 %: the difference's standard error is about 0.27 points, so the lower end of the interval
        // clears the half-point margin in practically every window.
        var outcomes = Simulate(stableRate: 0.005, canaryRate: 0.025, new AnalysisSettings(), seed: 4, requests: 4000);

        Assert.True(outcomes[VerdictOutcome.Fail] >= Runs * 0.9, $"Only {outcomes[VerdictOutcome.Fail]} of {Runs} bad canaries failed.");
        Assert.Equal(0, outcomes[VerdictOutcome.Pass]);
    }

    [Fact]
    public void Judge_SameErrorRateWithAmpleRequests_UsuallyPasses()
    {
        // At 8,000 requests a side the interval of an equal canary is about ±0.22 points, well inside the half-point margin.
        var outcomes = Simulate(stableRate: 0.005, canaryRate: 0.005, new AnalysisSettings(), seed: 5, requests: 8000);

        Assert.True(outcomes[VerdictOutcome.Pass] >= Runs * 0.95, $"Only {outcomes[VerdictOutcome.Pass]} of {Runs} equal canaries passed.");
    }

    private static Dictionary<VerdictOutcome, int> Simulate(double stableRate, double canaryRate, AnalysisSettings settings, int seed, int requests = Requests)
    {
        var random = new Random(seed);
        var outcomes = Enum.GetValues<VerdictOutcome>().ToDictionary(o => o, _ => 0);
        for (var run = 0; run < Runs; run++)
        {
            var stableErrors = Binomial.Sample(random, stableRate, requests);
            var canaryErrors = Binomial.Sample(random, canaryRate, requests);
            outcomes[CanaryJudge.Judge(Data(requests, stableErrors, requests, canaryErrors), null, settings).Outcome]++;
        }

        return outcomes;
    }
}
