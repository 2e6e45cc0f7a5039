using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Consent;

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
    Expired,

    /// <summary>No longer needed: the release moved past the step, or ended.</summary>
    Withdrawn,
}

/// <summary>One approver's yes: who and when.</summary>
public sealed record ApprovalVote(string Who, string WhoKey, DateTimeOffset At);

/// <summary>
/// A request for people's consent to one plan step of a release, stored with the release: who asked, who may decide,
/// the yeses so far, and the decision. Its rules (two-person, quorum) are those of the app's environment when asked.
/// </summary>
public sealed class Approval
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The plan step it approves.</summary>
    public int PlanIndex { get; set; }

    /// <summary>The step as people read it, e.g. "full (everyone)".</summary>
    public string StepText { get; set; } = string.Empty;

    /// <summary>What the bot does once approved (the promotion that asked for it), or null: approving only opens the gate.</summary>
    public string? Command { get; set; }

    public Actor RequestedBy { get; set; } = new("console", "unknown", "unknown");

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string Reason { get; set; } = string.Empty;

    public bool TwoPersonRule { get; set; }

    public int Quorum { get; set; } = 1;

    public List<ApprovalVote> Votes { get; set; } = [];

    public ApprovalState State { get; set; } = ApprovalState.Pending;

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Why it was rejected or withdrawn.</summary>
    public string? Note { get; set; }

    /// <summary>The chat platform's id of its card, once posted.</summary>
    public string? MessageId { get; set; }

    public bool IsPending => State == ApprovalState.Pending;

    /// <summary>The key by which the two-person rule compares people: platform and id.</summary>
    public static string KeyOf(Actor actor) => $"{actor.Platform}:{actor.Id}";
}
