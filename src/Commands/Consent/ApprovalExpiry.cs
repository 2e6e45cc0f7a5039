namespace ChatOpsRelease.Commands.Consent;

/// <summary>Ends an approval request nobody decided in time: its card says so and its buttons stop working.</summary>
public sealed partial class ApprovalExpiry
{
    public Task ExpireAsync(string releaseId, string approvalId, CancellationToken cancellationToken) => Task.CompletedTask;
}
