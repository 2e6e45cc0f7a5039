using ChatOpsRelease.Commands.Consent;
using Hangfire;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// The end of an approval request nobody decided in time. Ending one is a single change to the stored release, so a
/// retry after a failure is harmless: a request already decided or expired stays as it is.
/// </summary>
internal sealed class ApprovalExpiryJob(ApprovalExpiry expiry)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    [JobDisplayName("release {0}: end approval request {1} when nobody decided it")]
    public Task ExpireAsync(string releaseId, string approvalId, CancellationToken cancellationToken) =>
        expiry.ExpireAsync(releaseId, approvalId, cancellationToken);
}
