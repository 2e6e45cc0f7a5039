using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>
/// Approval requests for flag changes: raised where the app's environment asks for them, decided with <c>approve</c> /
/// <c>reject</c> under the environment's two-person rule and quorum, ended when nobody decides in time. Once approved,
/// the change is carried out for the person who asked, through every check again; an approval is good for one change.
/// </summary>
public sealed partial class FlagApprovals(
    IFlagChangeStore store,
    AppCatalog apps,
    AccessGate access,
    ConsentSettings consent,
    IReleaseJobs jobs,
    DecisionCards cards,
    ReplyPoster replies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FlagApprovals> logger)
{
    /// <summary>True when <paramref name="id"/> names a flag change (and so its approval request).</summary>
    public async Task<bool> HoldsAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Approval: not null };

    public async Task<Outcome> RaiseAsync(AppSpec app, FlagChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(change);
        var waiting = (await store.AwaitingApprovalAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.App == app.Name && string.Equals(c.Command, change.Command, StringComparison.Ordinal) && c.Approval is { IsPending: true });
        if (waiting is not null)
        {
            return Outcome.Refused($"`{change.Command}` already waits for approval (request {waiting.Id}, expires {Texts.Time(waiting.Approval!.ExpiresAt)}).", app.Name);
        }

        var rules = consent.RulesFor(app.Environment);
        change.State = FlagChangeState.AwaitingApproval;
        change.Approval = new Approval
        {
            Id = change.Id, PlanIndex = -1, StepText = $"flag {change.Flag} of {app.Name} {change.To}", Command = change.Command,
            RequestedBy = change.RequestedBy, RequestedAt = change.RequestedAt, ExpiresAt = change.RequestedAt + rules.Expiry,
            TwoPersonRule = rules.TwoPersonRule, Quorum = rules.Quorum,
        };
        await store.AddAsync(change, cancellationToken).ConfigureAwait(false);
        var approvers = access.Holders(Role.Approver, app, change.Conversation.Platform);
        var messageId = await cards.PostAsync(change.Conversation, FlagCards.Approval(change, approvers), cancellationToken).ConfigureAwait(false);
        if (messageId is not null)
        {
            await store.UpdateAsync(change.Id, c => c.Approval!.MessageId = messageId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            jobs.ScheduleFlagTimer(change.Id, FlagTimer.RequestExpiry, change.Approval.ExpiresAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogExpiryNotScheduled(logger, change.Id, ex);
        }

        return Outcome.Accepted($"{app.Name}: changing flag {change.Flag} needs approval in {app.Environment}. I asked (request {change.Id}, expires "
            + $"{Texts.Time(change.Approval.ExpiresAt)}); once approved I'll carry out `{change.Command}`. "
            + $"May approve: {ApprovalCard.Approvers(change.Approval, approvers)}.", app.Name, null);
    }

    public Task<Outcome> ApproveAsync(string id, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        return DecideAsync(id, cancellationToken, approval => ApprovalVotes.Approve(approval, request.Actor, now));
    }

    public Task<Outcome> RejectAsync(string id, string reason, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        return DecideAsync(id, cancellationToken, approval =>
        {
            ApprovalVotes.Reject(approval, request.Actor, reason, now);
            return null;
        });
    }

    /// <summary>
    /// The approved, unused request of <paramref name="actor"/> for exactly <paramref name="command"/>, marked used and
    /// queued; null when there is none.
    /// </summary>
    public async Task<FlagChange?> ClaimAsync(string app, string command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var key = Approval.KeyOf(actor);
        foreach (var candidate in await store.RecentAsync(app, null, 50, cancellationToken).ConfigureAwait(false))
        {
            if (candidate.State != FlagChangeState.AwaitingApproval || !string.Equals(candidate.Command, command, StringComparison.Ordinal)
                || Approval.KeyOf(candidate.RequestedBy) != key)
            {
                continue;
            }

            var claimed = await store.UpdateAsync(candidate.Id, c =>
            {
                if (c.State != FlagChangeState.AwaitingApproval || c.ApprovalUsed || c.Approval?.State != ApprovalState.Approved)
                {
                    return false;
                }

                (c.ApprovalUsed, c.State) = (true, FlagChangeState.Queued);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (claimed)
            {
                return await store.GetAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>Ends a request nobody decided in time: its card says so, the conversation is told.</summary>
    public async Task ExpireAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await store.UpdateAsync(id, c =>
        {
            if (c.Approval is not { IsPending: true } approval || now < approval.ExpiresAt)
            {
                return false;
            }

            (approval.State, c.State, c.DoneAt) = (ApprovalState.Expired, FlagChangeState.Dropped, now);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!expired)
        {
            return;
        }

        var change = (await store.GetAsync(id, cancellationToken).ConfigureAwait(false))!;
        LogExpired(logger, id, change.App);
        await RedrawAsync(change, cancellationToken).ConfigureAwait(false);
        var text = $"{change.App}: approval request {id} for `{change.Command}` expired at {Texts.Time(change.Approval!.ExpiresAt)} — nobody decided in time, "
            + $"so flag {change.Flag} stays as it is. Say the command again to ask again.";
        await replies.PostAsync(change.Conversation, Reply.Info(text), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(now, "bot (approvals)", change.Conversation.ToString(), change.App, null,
            $"approval {id} expiry", AuditOutcome.Done, text), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome> DecideAsync(string id, CancellationToken cancellationToken, Func<Approval, string?> decide)
    {
        var now = time.GetUtcNow();
        var problem = await store.UpdateAsync(id, c =>
        {
            var approval = c.Approval!;
            if (approval.IsPending && now >= approval.ExpiresAt)
            {
                (approval.State, c.State, c.DoneAt) = (ApprovalState.Expired, FlagChangeState.Dropped, now);
            }

            if (!approval.IsPending)
            {
                return ApprovalVotes.Closed(approval);
            }

            var refused = decide(approval);
            if (approval.State == ApprovalState.Rejected)
            {
                (c.State, c.DoneAt) = (FlagChangeState.Dropped, now);
            }

            return refused;
        }, cancellationToken).ConfigureAwait(false);
        var change = (await store.GetAsync(id, cancellationToken).ConfigureAwait(false))!;
        var decided = change.Approval!;
        if (problem is null || !decided.IsPending)
        {
            await RedrawAsync(change, cancellationToken).ConfigureAwait(false);
        }

        if (problem is not null)
        {
            return Outcome.Refused(problem, change.App);
        }

        return decided.State switch
        {
            ApprovalState.Approved => Outcome.Accepted($"Approved: `{change.Command}` (request {id}) by {decided.DecidedBy} at {Texts.Time(now)}. "
                + $"Carrying it out for {decided.RequestedBy.DisplayName}.", change.App, null) with
                {
                    Then = new ChatRequest(change.Command, change.RequestedBy, change.Conversation) { Origin = RequestOrigin.Approval },
                },
            ApprovalState.Rejected => Outcome.Accepted($"Rejected: `{change.Command}` (request {id}) by {decided.DecidedBy}"
                + (decided.Note is { } why ? $": {Texts.Quote(why)}" : string.Empty) + $". Flag {change.Flag} stays as it is.", change.App, null),
            _ => Outcome.Accepted($"Recorded your approval of `{change.Command}` (request {id}): {ApprovalVotes.Counted(decided)}", change.App, null),
        };
    }

    private async Task RedrawAsync(FlagChange change, CancellationToken cancellationToken)
    {
        var approvers = apps.Find(change.App) is { } app ? access.Holders(Role.Approver, app, change.Conversation.Platform) : [];
        await cards.UpdateAsync(change.Conversation, change.Approval!.MessageId, FlagCards.Approval(change, approvers), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The job queue refused to schedule the end of flag approval request {ChangeId}; it stays open until decided")]
    private static partial void LogExpiryNotScheduled(ILogger logger, string changeId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flag approval request {ChangeId} of {App} expired")]
    private static partial void LogExpired(ILogger logger, string changeId, string app);
}
