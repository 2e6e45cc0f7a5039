using ChatOpsRelease.Commands.Plans;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>One plan as configuration or a plan file writes it.</summary>
public sealed class PlanOptions
{
    /// <summary>In a plan file: the plan's name (the file's name when empty). In configuration the key is the name.</summary>
    public string? Name { get; set; }

    public List<PlanStepOptions> Steps { get; set; } = [];

    /// <summary>The plan, and the problems of writing that keep a step from being read (bad bake time, header without '=').</summary>
    public (ReleasePlan Plan, List<string> Problems) ToPlan(string name, string origin)
    {
        var problems = new List<string>();
        var plan = new ReleasePlan { Name = name, Origin = origin };
        for (var i = 0; i < Steps.Count; i++)
        {
            var (step, problem) = Steps[i].ToStep();
            plan.Steps.Add(step);
            if (problem is not null)
            {
                problems.Add($"Plan '{name}' ({origin}), step {i + 1}: {problem}");
            }
        }

        return (plan, problems);
    }
}

/// <summary>One step as written: a name, one of Weight / Header / Cookie, a bake time, and the two gates.</summary>
public sealed class PlanStepOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The share of everyone (1–99), or 100 for the step that ends the release.</summary>
    public int? Weight { get; set; }

    /// <summary>A header rule, <c>X-Canary=testers</c>.</summary>
    public string? Header { get; set; }

    /// <summary>A cookie rule: the cookie's name (requests with <c>&lt;name&gt;=always</c> reach the canary).</summary>
    public string? Cookie { get; set; }

    /// <summary>How long the step runs before the next: <c>10m</c>, <c>1h30m</c> or <c>00:10:00</c>.</summary>
    public string? Bake { get; set; }

    public bool Analysis { get; set; }

    public bool Approval { get; set; }

    /// <summary>The metrics whose verdict gates the step (e.g. <c>[errors]</c> early, <c>[errors, cpu, memory]</c> later); empty: all the app's.</summary>
    public List<string> Gates { get; set; } = [];

    internal (PlanStep Step, string? Problem) ToStep()
    {
        var step = new PlanStep
        {
            Name = Name.Trim(), Weight = Weight, Analysis = Analysis, Approval = Approval,
            Gates = [.. Gates.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim().ToLowerInvariant())],
        };
        string? problem = null;
        if (!PlanStepText.TryParseBake(Bake, out var bake))
        {
            problem = $"Bake '{Bake}' is not a duration (write 10m, 1h30m or 00:10:00).";
        }

        step.Bake = bake;
        if (Header is not null && Cookie is not null)
        {
            problem ??= "a step has one rule: a Header or a Cookie, not both.";
        }
        else if (Header is not null)
        {
            step.Rule = PlanStepText.Header(Header);
            problem ??= step.Rule is null ? $"Header '{Header}' must be written Name=value (e.g. X-Canary=testers)." : null;
        }
        else if (Cookie is not null)
        {
            step.Rule = PlanStepText.Cookie(Cookie);
        }

        return (step, problem);
    }
}
