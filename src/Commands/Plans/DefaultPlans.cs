using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Plans;

/// <summary>
/// The plans every bot has. <c>edge-first</c> is the practice this bot automates: testers marked by a header reach the
/// new version first, then 5 % (compatibility), 20 % (performance), 50 %, then everyone, with analysis gating each
/// public step and a person approving the first public one and the last. <c>standard</c> is the same without the edge
/// step (and without the approval before the first public step), for routers that cannot route by header. The public
/// weights are the weight ladder's (<c>Releases:WeightLadder</c>, 5 → 20 → 50 by default).
/// </summary>
public static class DefaultPlans
{
    public const string EdgeFirst = "edge-first";
    public const string Standard = "standard";

    /// <summary>The header the edge step routes by, and the value testers send.</summary>
    public const string EdgeHeader = "X-Canary";
    public const string EdgeValue = "testers";

    public static IReadOnlyList<ReleasePlan> Create(IReadOnlyList<int> ladder) => [Build(EdgeFirst, ladder, edge: true), Build(Standard, ladder, edge: false)];

    private static ReleasePlan Build(string name, IReadOnlyList<int> ladder, bool edge)
    {
        var steps = new List<PlanStep>();
        if (edge)
        {
            steps.Add(new PlanStep
            {
                Name = "edge",
                Rule = new RouteRule { Kind = RouteRuleKind.Header, Name = EdgeHeader, Value = EdgeValue },
                Bake = TimeSpan.FromMinutes(10),
            });
        }

        for (var i = 0; i < ladder.Count; i++)
        {
            var weight = ladder[i];
            var stepName = i switch { 0 => "compat", 1 => "perf", _ when weight == 50 => "half", _ => $"at-{weight}" };
            steps.Add(new PlanStep { Name = stepName, Weight = weight, Bake = TimeSpan.FromMinutes(i == 0 ? 10 : 15), Analysis = true, Approval = edge && i == 0 });
        }

        steps.Add(new PlanStep { Name = "full", Weight = 100, Approval = true });
        return new ReleasePlan { Name = name, Steps = steps, Origin = "built in" };
    }
}
