using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>The rules of a decision on a pending approval request, the same for a release's step and a flag change.</summary>
public static class ApprovalVotes
{
    /// <summary>Records <paramref name="actor"/>'s yes, deciding the request once it has its quorum; a sentence when the vote is refused.</summary>
    public static string? Approve(Approval approval, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(actor);
        var key = Approval.KeyOf(actor);
        if (approval.TwoPersonRule && Approval.KeyOf(approval.RequestedBy) == key)
        {
            return $"You asked for {approval.StepText}, so under the two-person rule of this environment someone else must approve it.";
        }

        if (approval.Votes.Any(v => v.WhoKey == key))
        {
            return $"You approved request {approval.Id} already; it needs {approval.Quorum - approval.Votes.Count} more from other people.";
        }

        approval.Votes.Add(new ApprovalVote(actor.ToString(), key, now));
        if (approval.Votes.Count >= approval.Quorum)
        {
            (approval.State, approval.DecidedAt) = (ApprovalState.Approved, now);
            approval.DecidedBy = string.Join(" and ", approval.Votes.Select(v => v.Who));
        }

        return null;
    }

    public static void Reject(Approval approval, Actor actor, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(actor);
        (approval.State, approval.DecidedAt, approval.DecidedBy) = (ApprovalState.Rejected, now, actor.ToString());
        approval.Note = string.IsNullOrWhiteSpace(reason) ? null : reason;
    }

    /// <summary>What a click on a request that is no longer pending is told.</summary>
    public static string Closed(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return $"Request {approval.Id} is closed — {ApprovalCard.Context(approval)}. Nothing was changed.";
    }

    /// <summary>The reply to a vote that was taken but left the request waiting for more people.</summary>
    public static string Counted(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return $"{approval.Votes.Count} of {approval.Quorum}; it needs {approval.Quorum - approval.Votes.Count} more from other people.";
    }
}
