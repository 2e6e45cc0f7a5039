using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Handlers;

namespace ChatOpsRelease.Commands.Tests.Gates;

/// <summary>Comparisons that judge resources, restarts and KPIs besides errors: the table, the overall verdict, status, and plan steps that name their gates.</summary>
public sealed class GateComparisonTests
{
    private static readonly GateMetric Conversion = new("conversion", GateMetricKind.Custom, MetricDirection.HigherIsBetter, 0.05, 2, false)
    {
        Query = "sum(rate(checkout_completed_total{track=\"{track}\"}[{window}]))", Source = "prometheus", MinSamples = 5,
    };

    private static readonly ReleasePlan Phased = new()
    {
        Name = "phased",
        Origin = "test",
        Steps =
        [
            new PlanStep { Name = "compat", Weight = 25, Bake = TimeSpan.FromMinutes(10), Analysis = true, Gates = ["errors"] },
            new PlanStep { Name = "perf", Weight = 50, Bake = TimeSpan.FromMinutes(10), Analysis = true },
            new PlanStep { Name = "full", Weight = 100 },
        ],
    };

    private readonly HandlerHarness _h = new(
        apps:
        [
            new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod")
            {
                Plan = "phased",
                Analysis = new AnalysisSettings { Metrics = [GateMetric.Errors, GateMetric.BuiltIn["cpu"], GateMetric.BuiltIn["restarts"], Conversion] },
            },
        ],
        plans: [Phased]);

    private async Task<string> CompareAsync()
    {
        await _h.DeployCheckoutAsync();
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        return (await _h.SayAsync("compare checkout")).Text;
    }

    [Fact]
    public async Task AHeavyCanary_PassesTheErrorGate_ButFailsOnResources()
    {
        _h.Gates.Set("cpu", 0.10, 0.14);
        _h.Gates.Set("restarts", 0, 0, samples: 4);
        _h.Gates.Set("conversion", 0.030, 0.030);

        var text = await CompareAsync();

        Assert.StartsWith("Pass: every metric is within its tolerance", text, StringComparison.Ordinal);
        _h.Gates.Set("conversion", 0.030, 0.020);
        text = (await _h.SayAsync("compare checkout")).Text;
        Assert.StartsWith("Fail: cpu, conversion failed — 3 of the 3 weight judged.", text, StringComparison.Ordinal);
        Assert.Contains("```\nmetric               stable           canary  verdict\n", text, StringComparison.Ordinal);
        Assert.Contains("\nerrors *              0.5 %            0.5 %  Pass\n", text, StringComparison.Ordinal);
        Assert.Contains("\ncpu         0.100 cores/pod  0.140 cores/pod  Fail\n", text, StringComparison.Ordinal);
        Assert.Contains("\nrestarts *                0                0  Pass\n", text, StringComparison.Ordinal);
        Assert.Contains("• cpu: Fail — the canary is 40 % higher than stable, more than the 25 % allowed.", text, StringComparison.Ordinal);
        Assert.Equal(["cpu", "restarts", "conversion"], _h.Gates.Asked.Take(3));
    }

    [Fact]
    public async Task ACrashingCanary_FailsOnRestarts_EvenWithCleanErrors()
    {
        _h.Gates.Set("cpu", 0.10, 0.10);
        _h.Gates.Set("restarts", 0, 5, samples: 4, canaryNote: "OOMKilled ×5");

        var text = await CompareAsync();

        Assert.StartsWith("Fail: restarts failed (the canary restarted 5 times against 0 for stable (tolerance 0)).", text, StringComparison.Ordinal);
        Assert.Contains("5 (OOMKilled ×5)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKpiWithTooLittleData_IsNamed_AndStatusShowsTheTable()
    {
        _h.Gates.Set("cpu", 0.10, 0.11);
        _h.Gates.Set("restarts", 0, 0, samples: 4);
        _h.Gates.Set("conversion", 0.03, 0.03, samples: 2);

        var text = await CompareAsync();
        var status = (await _h.SayAsync("status checkout")).Text;

        Assert.StartsWith("Pass: every metric that could be judged is within its tolerance; conversion had no usable data.", text, StringComparison.Ordinal);
        Assert.Contains("• conversion: Inconclusive — stable has 2 samples; at least 5 needed.", text, StringComparison.Ordinal);
        Assert.Contains("\n    conversion: Inconclusive — stable 0.03, canary 0.03: stable has 2 samples; at least 5 needed", status, StringComparison.Ordinal);
        Assert.Contains("\n    cpu: Pass — stable 0.100 cores/pod, canary 0.110 cores/pod", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlanStepThatNamesItsGates_IsJudgedOnThoseOnly()
    {
        _h.Metrics.Answer = w => CompareHandlerTests.Found(w, 10, 10);
        _h.Gates.Set("cpu", 0.10, 0.30);
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("promote checkout next");
        await _h.RunAsync(_h.Checkout.Id);

        _h.Time.Advance(TimeSpan.FromMinutes(11));
        await _h.Watch.LookAsync(_h.Checkout.Id, default);

        Assert.Empty(_h.Gates.Asked);
        Assert.Equal(VerdictOutcome.Pass, _h.Checkout.LastVerdict!.Outcome);

        await _h.AcceptedAsync("promote checkout next");
        await _h.RunAsync(_h.Checkout.Id);
        _h.Time.Advance(TimeSpan.FromMinutes(11));
        await _h.Watch.LookAsync(_h.Checkout.Id, default);

        Assert.Contains("cpu", _h.Gates.Asked);
        Assert.Equal(VerdictOutcome.Fail, _h.Checkout.LastVerdict!.Outcome);
    }
}
