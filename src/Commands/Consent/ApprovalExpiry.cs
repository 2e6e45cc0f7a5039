using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>Ends an approval request nobody decided in time: its card says so, its buttons stop working, the thread is told.</summary>
public sealed partial class ApprovalExpiry(
    IReleaseStore store,
    AppCatalog apps,
    ApprovalDesk desk,
    ReplyPoster replies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ApprovalExpiry> logger)
{
    public async Task ExpireAsync(string releaseId, string approvalId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await store.UpdateAsync(releaseId, release =>
        {
            if (release.FindApproval(approvalId) is not { IsPending: true } approval || now < approval.ExpiresAt)
            {
                return null;
            }

            if (!release.WithdrawIfStale(approval, now))
            {
                approval.State = ApprovalState.Expired;
            }

            release.Revision++;
            return approval;
        }, cancellationToken).ConfigureAwait(false);
        if (expired is null)
        {
            return;
        }

        var release = (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false))!;
        LogExpired(logger, approvalId, release.App);
        await desk.RedrawAsync(releaseId, approvalId, apps.Find(release.App), cancellationToken).ConfigureAwait(false);
        var text = expired.State == ApprovalState.Withdrawn
            ? $"{release.App}: approval request {approvalId} for step {expired.StepText} is no longer needed ({ReleaseRules.Describe(release.State)}); I closed it."
            : $"{release.App}: approval request {approvalId} for step {expired.StepText} expired at {Texts.Time(expired.ExpiresAt)} — nobody decided in time, "
                + $"so the step is not taken. Ask again with `request approval {release.App}` or `promote {release.App} next`.";
        await replies.PostAsync(release.Conversation, Reply.Info(text), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(now, "bot (approvals)", release.Conversation.ToString(), release.App, release.Id,
            $"approval {approvalId} expiry", AuditOutcome.Done, text), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval request {ApprovalId} of {App} expired")]
    private static partial void LogExpired(ILogger logger, string approvalId, string app);
}
