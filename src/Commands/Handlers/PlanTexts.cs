using System.Text;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>How plans, their steps and a release's place in them read in chat.</summary>
public static class PlanTexts
{
    /// <summary>"compat — 5% of traffic, bakes 10 min, analysis must pass, needs approval".</summary>
    public static string Step(PlanStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = new StringBuilder($"{step.Name} — {step.Action}");
        if (step.Bake > TimeSpan.Zero)
        {
            text.Append($", bakes {Texts.Duration(step.Bake)}");
        }

        if (step.Analysis)
        {
            text.Append(", analysis must pass");
        }

        if (step.Approval)
        {
            text.Append(", needs approval");
        }

        return text.ToString();
    }

    /// <summary>"plan standard: at perf (20% of traffic), baked 4 min of 15 min; next: half (50% of traffic)", or null without a plan.</summary>
    public static string? Where(Release release, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (release.Plan is not { } plan)
        {
            return null;
        }

        var text = new StringBuilder($"plan {plan.Name}{(release.Auto ? " (automatic)" : string.Empty)}: ");
        if (release.CurrentPlanStep is { } step)
        {
            text.Append($"at {step.Name} ({step.Action})");
            if (release.BakeStartedAt is { } started && step.Bake > TimeSpan.Zero)
            {
                var baked = now - started;
                text.Append(baked >= step.Bake ? $", baked {Texts.Duration(step.Bake)}" : $", baked {Texts.Duration(baked)} of {Texts.Duration(step.Bake)}");
            }
        }
        else
        {
            text.Append("canary deployed, no step started");
        }

        text.Append(release.NextPlanStep() is { } next ? $"; next: {next.Step.Name} ({next.Step.Action})" : "; no step left");
        return text.ToString();
    }

    /// <summary>"shanghai-main ✓ completed, frankfurt ▶ running, virginia waiting".</summary>
    public static string Waves(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return string.Join(", ", release.Waves.Select(w => w.State switch
        {
            WaveState.Completed => $"{w.Cluster} ✓ completed",
            WaveState.Running => $"{w.Cluster} ▶ {(release.IsActive ? "running" : ReleaseRules.Describe(release.State))}",
            WaveState.RolledBack => $"{w.Cluster} ↩ rolled back",
            _ => $"{w.Cluster} waiting",
        }));
    }

    /// <summary>The plan's steps, numbered, with the step in force and the next one marked.</summary>
    public static string Steps(ReleasePlan plan, Release? release)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var next = release?.NextPlanStep()?.Index;
        var text = new StringBuilder();
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var mark = release?.PlanIndex == i ? "▶ " : next == i ? "→ " : "  ";
            text.Append($"\n{mark}{i + 1}. {Step(plan.Steps[i])}");
        }

        return text.ToString();
    }
}
