namespace ChatOpsRelease.Commands.Flags;

/// <summary>How flag changes are consented to, validated at start-up.</summary>
public sealed class FlagSettings
{
    /// <summary>Environments where a flag change needs an approval request (with the environment's two-person rule and quorum).</summary>
    public IReadOnlySet<string> ApprovalEnvironments { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "production" };

    /// <summary>Whether turning a flag off needs approval there too; by default it does not (it is the kill switch).</summary>
    public bool OffNeedsApproval { get; init; }

    public bool NeedsApproval(string environment, Parsing.FlagChangeKind kind) =>
        ApprovalEnvironments.Contains(environment) && (kind != Parsing.FlagChangeKind.Off || OffNeedsApproval);
}
