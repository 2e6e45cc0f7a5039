using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>The cards of flag changes: the approval request, and the change once written (with its kill switch).</summary>
public static class FlagCards
{
    public static DecisionCard Approval(FlagChange change, IReadOnlyList<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(change);
        var approval = change.Approval ?? throw new ArgumentException("The change has no approval request.", nameof(change));
        var fields = new List<CardField>
        {
            new("Flag", $"{change.Flag} of {change.App}"),
            new("Change", $"{change.From} → {change.To}"),
            new("Command", $"`{change.Command}`"),
            new("Asked by", approval.RequestedBy.ToString()),
            new("May approve", ApprovalCard.Approvers(approval, approvers)),
        };
        ApprovalCard.AddVotes(fields, approval);
        var actions = ApprovalCard.Actions(approval, $"Reject the change of {change.Flag}?", $"The flag stays {change.From}; {approval.RequestedBy.DisplayName} can ask again.");
        return new DecisionCard($"approval:{approval.Id}", $"Approval {approval.Id}: flag {change.Flag} of {change.App}", fields, ApprovalCard.Context(approval), actions);
    }

    /// <summary>A change written to the cluster: the flag's state before and after, where, and a button to turn it off while it is on.</summary>
    public static DecisionCard Written(AppSpec app, FlagChange change, FeatureFlag flag, string where, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(flag);
        var fields = new List<CardField>
        {
            new("Now", change.To),
            new("Was", change.From ?? "off"),
            new("Asked by", change.RequestedBy.ToString()),
            new("Where", where),
        };
        if (change.Approval is { State: ApprovalState.Approved } approval)
        {
            fields.Add(new("Approved by", approval.DecidedBy ?? string.Empty));
        }

        var actions = flag.IsOffAt(now)
            ? new List<CardAction>()
            : [new("flag-off", "Turn off", $"flag {app.Name} {flag.Name} off", CardActionStyle.Danger,
                new CardConfirm($"Turn {flag.Name} off for everyone?", $"{app.Name} stops showing it at once; turning it on again is a new change.", "Turn off", "Cancel"))];
        return new DecisionCard($"flag:{change.Id}", $"Flag {flag.Name} of {app.Name}: {change.To}", fields,
            $"Written at {Texts.Time(change.DoneAt ?? now)} (change {change.Id})", actions);
    }
}
