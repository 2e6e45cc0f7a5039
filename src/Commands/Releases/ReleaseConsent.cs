using ChatOpsRelease.Commands.Consent;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>A release's approvals and scheduled promotions, stored with it so they change atomically with it.</summary>
public sealed partial class Release
{
    public List<Approval> Approvals { get; set; } = [];

    /// <summary>The person who deployed: the one who asks for the steps the bot moves to by itself (<c>--auto</c>).</summary>
    public Ports.Actor? Starter { get; set; }

    public List<ScheduledPromotion> Schedules { get; set; } = [];

    public Approval? FindApproval(string id) => Approvals.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase));

    public ScheduledPromotion? FindSchedule(string id) => Schedules.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The first plan step that needs approval among those a promotion up to plan step <paramref name="throughIndex"/>
    /// would start, and has none; null when nothing stands in the way.
    /// </summary>
    public int? UnapprovedGate(int throughIndex)
    {
        if (Plan is not { } plan)
        {
            return null;
        }

        for (var i = PlannedIndex + 1; i <= Math.Min(throughIndex, plan.Steps.Count - 1); i++)
        {
            if (plan.Steps[i].Approval && !Approvals.Any(a => a.PlanIndex == i && a.State == ApprovalState.Approved))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The plan step a weight reaches: the last one at or below it (everyone at 100); -1 below the first.</summary>
    public int PlanIndexForWeight(int weight) =>
        Plan is not { } plan ? -1
        : weight >= 100 ? plan.Steps.Count - 1
        : plan.Steps.FindLastIndex(s => s.Weight is { } w && w < 100 && w <= weight);

    /// <summary>The pending approval request of a plan step, if any.</summary>
    public Approval? PendingApproval(int planIndex) => Approvals.FirstOrDefault(a => a.IsPending && a.PlanIndex == planIndex);

    /// <summary>
    /// Withdraws <paramref name="approval"/> if it waits for a step the release can no longer take (it ended, failed, or
    /// moved past it); returns whether it did.
    /// </summary>
    public bool WithdrawIfStale(Approval approval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (!approval.IsPending || (IsActive && State != ReleaseState.Failed && PlannedIndex < approval.PlanIndex))
        {
            return false;
        }

        (approval.State, approval.DecidedAt, approval.Note) = (ApprovalState.Withdrawn, now, "the release moved on without it");
        return true;
    }
}
