using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Plans;

public sealed class PlanRulesTests
{
    private static PlanStep Weight(string name, int weight, int bakeMinutes = 10) =>
        new() { Name = name, Weight = weight, Bake = TimeSpan.FromMinutes(bakeMinutes) };

    private static readonly PlanStep Full = new() { Name = "full", Weight = 100 };

    private static List<string> Problems(params PlanStep[] steps) =>
        PlanRules.Problems(new ReleasePlan { Name = "p", Origin = "test", Steps = [.. steps] }).ToList();

    [Fact]
    public void TheBuiltInPlans_HaveNoProblems() =>
        Assert.Empty(DefaultPlans.Create([5, 20, 50]).SelectMany(PlanRules.Problems));

    [Fact]
    public void AnEmptyPlan_IsAProblem() =>
        Assert.Equal(["Plan 'p' (test) has no steps; it needs at least the step that sends everyone to the new version (Weight: 100)."], Problems());

    [Fact]
    public void WeightsMustRise() =>
        Assert.Contains("Plan 'p' (test), step 2 'b': Weight 10% must be more than the 20% of the step before; weights only rise.",
            Problems(Weight("a", 20), Weight("b", 10), Full));

    [Fact]
    public void TheLastStepMustSendEveryone_AndNothingComesAfterIt()
    {
        Assert.Contains("Plan 'p' (test), step 2 'b': the last step must send everyone to the new version (Weight: 100).", Problems(Weight("a", 5), Weight("b", 50)));
        Assert.Contains("Plan 'p' (test), step 1 'full': Weight 100 sends everyone to the new version and ends the release, so it must be the last step.",
            Problems(Full, Weight("b", 50)));
    }

    [Fact]
    public void BakeTimesMustBePositive_AndTheLastStepHasNone()
    {
        Assert.Contains("Plan 'p' (test), step 1 'a': Bake must be positive and at most 7 days (e.g. 00:10:00 for ten minutes).", Problems(Weight("a", 5, 0), Full));
        Assert.Contains("Plan 'p' (test), step 2 'full': the last step ends the release, so nothing bakes or is analysed after it; put Bake and Analysis on the step before.",
            Problems(Weight("a", 5), new PlanStep { Name = "full", Weight = 100, Analysis = true }));
    }

    [Fact]
    public void NamesMustDiffer_AndAStepHasExactlyOneAction()
    {
        var rule = new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" };
        var problems = Problems(Weight("a", 5), Weight("A", 10), new PlanStep { Name = "both", Weight = 20, Rule = rule, Bake = TimeSpan.FromMinutes(1) }, Full);
        Assert.Contains("Plan 'p' (test), step 2 'A': another step is already called 'A'; step names must differ.", problems);
        Assert.Contains("Plan 'p' (test), step 3 'both': a step either sets a Weight (1–100) or adds a Header or Cookie rule — exactly one of them.", problems);
    }

    [Fact]
    public void ARuleStep_IsCheckedLikeTheRouteCommand()
    {
        var bad = new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "a*b" };
        Assert.Contains(Problems(new PlanStep { Name = "edge", Rule = bad, Bake = TimeSpan.FromMinutes(1) }, Full),
            p => p.StartsWith("Plan 'p' (test), step 1 'edge': The value of the header `X-Canary` has `*`", StringComparison.Ordinal));
    }

    [Fact]
    public void ARouterWithoutRules_CannotCarryAnEdgePlan()
    {
        var edge = DefaultPlans.Create([5, 20, 50]).Single(p => p.Name == DefaultPlans.EdgeFirst);
        Assert.Null(PlanRules.RouterProblem(edge, "checkout", "nginx", routerSupportsRules: true));
        Assert.StartsWith("Apps:checkout uses plan 'edge-first', whose step 'edge' routes header X-Canary: testers, but its router 'replicas' cannot route by header or cookie",
            PlanRules.RouterProblem(edge, "checkout", "replicas", routerSupportsRules: false));
    }
}
