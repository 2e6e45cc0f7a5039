using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>
/// Checks, once the clusters are connected, that every app's plans exist, that its router can carry them (rule steps
/// need a router that routes by header or cookie), and that its waves name known clusters, the main one first.
/// </summary>
internal static class AppPlanCheck
{
    /// <summary>The problems as start-up reports configuration problems, or null when there are none.</summary>
    public static AggregateException? Failure(IServiceProvider services)
    {
        var problems = Problems(
            services.GetRequiredService<AppCatalog>(),
            services.GetRequiredService<PlanCatalog>(),
            services.GetRequiredService<RouterSet>(),
            services.GetRequiredService<IClusters>());
        return problems.Count == 0
            ? null
            : new AggregateException("The configuration has problems.", new Microsoft.Extensions.Options.OptionsValidationException(AppsOptions.Section, typeof(AppsOptions), problems));
    }

    public static List<string> Problems(AppCatalog apps, PlanCatalog plans, RouterSet routers, IClusters clusters)
    {
        var problems = new List<string>();
        var known = string.Join(", ", plans.All.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var app in apps.All.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var supportsRules = routers.Has(app.Router) && routers.For(app).SupportsRules;
            foreach (var (field, name) in new[] { ("Plan", app.Plan), ("WavePlan", app.WavePlan) })
            {
                if (name is null)
                {
                    continue;
                }

                if (plans.Find(name) is not { } plan)
                {
                    problems.Add($"Apps:{app.Name}:{field} '{name}' is not a plan this bot has; known plans: {known} "
                        + "(plans come from the Plans section and from files in Releases:PlansDirectory).");
                }
                else if (PlanRules.RouterProblem(plan, app.Name, app.Router, supportsRules) is { } problem)
                {
                    problems.Add(problem);
                }
                else
                {
                    problems.AddRange(GateProblems(app, field, plan));
                }
            }

            problems.AddRange(WaveProblems(app, clusters));
        }

        return problems;
    }

    /// <summary>A plan step may only name gates the app measures.</summary>
    private static IEnumerable<string> GateProblems(AppSpec app, string field, ReleasePlan plan)
    {
        var known = app.Analysis.Metrics.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var step in plan.Steps)
        {
            foreach (var gate in step.Gates.Where(g => !known.Contains(g)))
            {
                yield return $"Apps:{app.Name}:{field} '{plan.Name}', step {step.Name}, is gated by '{gate}', which {app.Name} does not measure; "
                    + $"its gates: {string.Join(", ", known.Order(StringComparer.Ordinal))} (add it under Apps:{app.Name}:Gates).";
            }
        }
    }

    private static IEnumerable<string> WaveProblems(AppSpec app, IClusters clusters)
    {
        if (app.Waves.Count == 0)
        {
            yield break;
        }

        if (!string.Equals(app.Waves[0], clusters.Default, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Apps:{app.Name}:Waves starts with '{app.Waves[0]}', but the first wave is the main cluster, '{clusters.Default}'.";
        }

        foreach (var wave in app.Waves.Where(w => clusters.Find(w) is null))
        {
            yield return $"Apps:{app.Name}:Waves names the cluster '{wave}', which is not configured; clusters: {string.Join(", ", clusters.Names)} "
                + "(add it under Kubernetes:Clusters).";
        }

        foreach (var twice in app.Waves.GroupBy(w => w, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return $"Apps:{app.Name}:Waves names '{twice.Key}' more than once.";
        }
    }
}
