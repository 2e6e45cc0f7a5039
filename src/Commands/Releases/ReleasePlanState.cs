using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>A release's place in its plan: the step in force, since when it bakes, and what the analysis last said.</summary>
public sealed partial class Release
{
    /// <summary>The plan the release follows in its current wave (a copy taken when the wave started).</summary>
    public ReleasePlan? Plan { get; set; }

    /// <summary>The plan step in force; -1 while the canary is deployed and no step has started.</summary>
    public int PlanIndex { get; set; } = -1;

    /// <summary>When the traffic of the step in force reached the cluster: its bake counts from here.</summary>
    public DateTimeOffset? BakeStartedAt { get; set; }

    /// <summary>Whether the bot moves through the plan by itself (<c>deploy … --auto</c>).</summary>
    public bool Auto { get; set; }

    /// <summary>Since when the baking step's analysis has said Inconclusive without a break; null otherwise.</summary>
    public DateTimeOffset? InconclusiveSince { get; set; }

    /// <summary>The last thing the watch told the thread about this step, so the same news is not repeated every look.</summary>
    public string? WatchNotice { get; set; }

    /// <summary>When the next look of the watch is due; a look that finds it further away leaves it to the chain that set it.</summary>
    public DateTimeOffset? NextLookAt { get; set; }

    /// <summary>The plan step in force, if any.</summary>
    public PlanStep? CurrentPlanStep => Plan is { } plan && PlanIndex >= 0 && PlanIndex < plan.Steps.Count ? plan.Steps[PlanIndex] : null;

    /// <summary>The plan step asked for most recently: the one in force, or a later one still being applied.</summary>
    public int PlannedIndex => Steps.Where(s => s.IsOpen && s.PlanIndex is not null).Select(s => s.PlanIndex!.Value).DefaultIfEmpty(PlanIndex).Max();

    /// <summary>
    /// The next plan step that changes something: after the one asked for most recently, skipping weights already
    /// reached by hand and rules already in force. Null at the end of the plan.
    /// </summary>
    public (int Index, PlanStep Step)? NextPlanStep()
    {
        if (Plan is not { } plan)
        {
            return null;
        }

        for (var i = PlannedIndex + 1; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var changes = step.IsFull
                || (step.Weight is { } weight && weight > RequestedWeight)
                || (step.Rule is { } rule && !Rules.Any(r => r.IsSameRuleAs(rule) && r.Value == rule.Value));
            if (changes)
            {
                return (i, step);
            }
        }

        return null;
    }

    /// <summary>How long the step in force has still to bake (zero when done); null when no step bakes.</summary>
    public TimeSpan? BakeLeft(DateTimeOffset now) =>
        CurrentPlanStep is { } step && BakeStartedAt is { } started ? step.Bake - (now - started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero : null;

    /// <summary>Accepts plan step <paramref name="index"/>: the weight, rule or full promotion it stands for, tagged with it.</summary>
    public ReleaseStep? AcceptPlanStep(int index, string actor, ConversationRef conversation, DateTimeOffset now)
    {
        var planned = (Plan ?? throw new InvalidOperationException($"Release {Id} follows no plan.")).Steps[index];
        var step = planned.IsFull ? Accept(ReleaseTrigger.Full, null, actor, conversation, now)
            : planned.Rule is { } rule ? Accept(ReleaseTrigger.SetRoute, null, actor, conversation, now, rule.Copy())
            : Accept(ReleaseTrigger.SetWeight, planned.Weight, actor, conversation, now);
        if (step is not null)
        {
            step.PlanIndex = index;
        }

        return step;
    }

    /// <summary>The trigger plan step <paramref name="index"/> stands for, to ask the rules whether it may happen now.</summary>
    public ReleaseTrigger PlanTrigger(int index) =>
        Plan!.Steps[index] switch { { IsFull: true } => ReleaseTrigger.Full, { Rule: not null } => ReleaseTrigger.SetRoute, _ => ReleaseTrigger.SetWeight };

    /// <summary>A step that changed the traffic reached the cluster: a new bake starts, and a plan step comes into force.</summary>
    private void StartBake(ReleaseStep step, DateTimeOffset now)
    {
        // Rules ending by themselves or changed by hand with `route` do not restart the bake; plan steps and weights do.
        if (Plan is null || !(step.PlanIndex is not null || step.Kind == StepKind.SetWeight))
        {
            return;
        }

        if (step.PlanIndex is { } index)
        {
            PlanIndex = Math.Max(PlanIndex, index);
        }
        else if (step.Kind == StepKind.SetWeight)
        {
            // A weight set by hand: the plan stands at the last step it has reached.
            PlanIndex = Math.Max(PlanIndex, Plan.Steps.FindLastIndex(s => s.Weight is { } w && w < 100 && w <= RequestedWeight));
        }

        (BakeStartedAt, InconclusiveSince, WatchNotice) = (now, null, null);
    }
}
