using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Plans;

/// <summary>What makes a plan usable: checked for every plan at start-up, each problem a sentence naming where it is.</summary>
public static class PlanRules
{
    private static readonly TimeSpan LongestBake = TimeSpan.FromDays(7);

    public static IEnumerable<string> Problems(ReleasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var at = $"Plan '{plan.Name}' ({plan.Origin})";
        if (plan.Steps.Count == 0)
        {
            yield return $"{at} has no steps; it needs at least the step that sends everyone to the new version (Weight: 100).";
            yield break;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lastWeight = 0;
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var where = $"{at}, step {i + 1}{(string.IsNullOrWhiteSpace(step.Name) ? string.Empty : $" '{step.Name}'")}";
            foreach (var problem in StepProblems(step, where, i == plan.Steps.Count - 1, names, ref lastWeight))
            {
                yield return problem;
            }
        }
    }

    /// <summary>A plan an app uses must be one its router can carry: rule steps need a router that routes by header or cookie.</summary>
    public static string? RouterProblem(ReleasePlan plan, string app, string router, bool routerSupportsRules)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var ruleStep = plan.Steps.FirstOrDefault(s => s.Rule is not null);
        return ruleStep is null || routerSupportsRules
            ? null
            : $"Apps:{app} uses plan '{plan.Name}', whose step '{ruleStep.Name}' routes {ruleStep.Rule!.Describe()}, but its router '{router}' "
                + $"cannot route by header or cookie; choose a plan without rule steps (e.g. '{DefaultPlans.Standard}') or a router that can (nginx, gateway).";
    }

    private static IEnumerable<string> StepProblems(PlanStep step, string where, bool last, HashSet<string> names, ref int lastWeight)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(step.Name) || step.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problems.Add($"{where}: a step needs a Name of letters, digits, '-' or '_' (e.g. edge, compat, perf, full).");
        }
        else if (!names.Add(step.Name))
        {
            problems.Add($"{where}: another step is already called '{step.Name}'; step names must differ.");
        }

        if ((step.Weight is null) == (step.Rule is null))
        {
            problems.Add($"{where}: a step either sets a Weight (1–100) or adds a Header or Cookie rule — exactly one of them.");
        }
        else if (step.Weight is { } weight)
        {
            if (weight is < 1 or > 100)
            {
                problems.Add($"{where}: Weight {weight} must be between 1 and 100 (100 is everyone).");
            }
            else if (weight <= lastWeight)
            {
                problems.Add($"{where}: Weight {weight}% must be more than the {lastWeight}% of the step before; weights only rise.");
            }

            lastWeight = Math.Max(lastWeight, weight);
        }
        else if (RuleProblem(step.Rule!) is { } ruleProblem)
        {
            problems.Add($"{where}: {ruleProblem}");
        }

        problems.AddRange(TimingProblems(step, where, last));
        return problems;
    }

    private static IEnumerable<string> TimingProblems(PlanStep step, string where, bool last)
    {
        if (last && !step.IsFull)
        {
            yield return $"{where}: the last step must send everyone to the new version (Weight: 100).";
        }

        if (!last && step.IsFull)
        {
            yield return $"{where}: Weight 100 sends everyone to the new version and ends the release, so it must be the last step.";
        }

        if (step.IsFull && (step.Bake != TimeSpan.Zero || step.Analysis))
        {
            yield return $"{where}: the last step ends the release, so nothing bakes or is analysed after it; put Bake and Analysis on the step before.";
        }

        if (!step.IsFull && (step.Bake <= TimeSpan.Zero || step.Bake > LongestBake))
        {
            yield return $"{where}: Bake must be positive and at most 7 days (e.g. 00:10:00 for ten minutes).";
        }
    }

    private static string? RuleProblem(RouteRule rule) => string.IsNullOrWhiteSpace(rule.Name)
        ? "a rule needs the name of its header or cookie."
        : rule.Kind == RouteRuleKind.Header
        ? RouteParser.TokenError("header", rule.Name) ?? (string.IsNullOrEmpty(rule.Value) ? $"the header rule `{rule.Name}` needs a value (Header: \"{rule.Name}=testers\")." : RouteParser.ValueError(rule.Name, rule.Value))
        : RouteParser.TokenError("cookie", rule.Name);
}
