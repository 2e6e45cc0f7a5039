using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>An approval request as a card: what is asked, by whom, who may decide, and — once decided — the decision.</summary>
public static class ApprovalCard
{
    public static DecisionCard For(Release release, Approval approval, IReadOnlyList<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(approvers);
        var fields = new List<CardField>
        {
            new("Release", $"{release.App} {release.FromVersion} → {release.ToVersion} ({release.Id})"),
            new("Step", approval.StepText),
            new("Asked by", approval.RequestedBy.ToString()),
            new("May approve", Approvers(approval, approvers)),
        };
        if (!string.IsNullOrWhiteSpace(approval.Reason))
        {
            fields.Add(new("Reason", Texts.Quote(approval.Reason)));
        }

        AddVotes(fields, approval);
        var actions = Actions(approval, $"Reject {approval.StepText}?", $"The step will not be taken; {approval.RequestedBy.DisplayName} can ask again.");
        return new DecisionCard($"approval:{approval.Id}", $"Approval {approval.Id}: {release.App} {approval.StepText}", fields, Context(approval), actions);
    }

    /// <summary>Adds the yeses so far, when there are any.</summary>
    public static void AddVotes(List<CardField> fields, Approval approval)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(approval);
        if (approval.Votes.Count > 0)
        {
            fields.Add(new("Approvals", $"{string.Join(", ", approval.Votes.Select(v => $"{v.Who} at {Texts.Time(v.At)}"))} ({approval.Votes.Count} of {approval.Quorum})"));
        }
    }

    /// <summary>Approve and Reject (with a confirmation) while the request is pending; none once it is decided.</summary>
    public static IReadOnlyList<CardAction> Actions(Approval approval, string rejectTitle, string rejectText)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return approval.IsPending
            ?
            [
                new("approve", "Approve", $"approve {approval.Id}", CardActionStyle.Primary),
                new("reject", "Reject", $"reject {approval.Id}", CardActionStyle.Danger, new CardConfirm(rejectTitle, rejectText, "Reject", "Cancel")),
            ]
            : [];
    }

    /// <summary>The state line: when it expires, or the decision with who and when.</summary>
    public static string Context(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var note = string.IsNullOrWhiteSpace(approval.Note) ? string.Empty : $": {approval.Note}";
        return approval.State switch
        {
            ApprovalState.Pending => $"Waiting for approval · expires {Texts.Time(approval.ExpiresAt)}",
            ApprovalState.Approved => $"Approved by {approval.DecidedBy} at {Texts.Time(approval.DecidedAt!.Value)}",
            ApprovalState.Rejected => $"Rejected by {approval.DecidedBy} at {Texts.Time(approval.DecidedAt!.Value)}"
                + (string.IsNullOrWhiteSpace(approval.Note) ? string.Empty : $": {Texts.Quote(approval.Note)}"),
            ApprovalState.Expired => $"Expired at {Texts.Time(approval.ExpiresAt)}: nobody decided in time",
            _ => $"Withdrawn at {Texts.Time(approval.DecidedAt ?? approval.ExpiresAt)}{note}",
        };
    }

    /// <summary>Who may approve, with the rules that narrow it.</summary>
    public static string Approvers(Approval approval, IReadOnlyList<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(approvers);
        var who = approvers.Count == 0 ? "nobody is granted the approver role for this app" : string.Join(", ", approvers);
        var rules = new List<string>();
        if (approval.TwoPersonRule)
        {
            rules.Add($"not {approval.RequestedBy.DisplayName} (two-person rule)");
        }

        if (approval.Quorum > 1)
        {
            rules.Add($"{approval.Quorum} different people");
        }

        return rules.Count == 0 ? who : $"{who}; {string.Join("; ", rules)}";
    }
}
