using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>
/// Raises approval requests for plan steps that need them and keeps the gate: a promotion that would start such a step
/// without its approval raises a request (or, when scheduled, is refused). The request is stored with the release, its
/// card posted in the release's thread, and its end scheduled.
/// </summary>
public sealed partial class ApprovalDesk(
    IReleaseStore store,
    AccessGate access,
    ConsentSettings settings,
    IReleaseJobs jobs,
    DecisionCards cards,
    TimeProvider time,
    ILogger<ApprovalDesk> logger)
{
    /// <summary>
    /// Null when a promotion through plan step <paramref name="throughIndex"/> may go ahead; otherwise what to answer
    /// (an approval request raised, or a refusal). An approver asking where the two-person rule does not apply approves
    /// their own step: it is recorded, and the promotion goes ahead.
    /// </summary>
    public async Task<Outcome?> GateAsync(Release release, AppSpec app, int throughIndex, ChatRequest request, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(request);
        if (release.UnapprovedGate(throughIndex) is not { } gate)
        {
            return null;
        }

        var step = StepText(release, gate);
        if (await CanApproveOwnAsync(request.Actor, app, cancellationToken).ConfigureAwait(false))
        {
            await SelfApproveAsync(release.Id, gate, step, request.Actor, settings.RulesFor(app.Environment), app, cancellationToken).ConfigureAwait(false);
            return await GateAsync((await store.GetAsync(release.Id, cancellationToken).ConfigureAwait(false))!, app, throughIndex, request, command, cancellationToken)
                .ConfigureAwait(false);
        }

        if (request.Origin == RequestOrigin.Schedule)
        {
            var pending = release.PendingApproval(gate) is { } open ? $" (request {open.Id} is waiting)" : string.Empty;
            return Outcome.Refused($"{app.Name}: step {step} needs approval and has none{pending}.", app.Name, release.Id);
        }

        var (approval, raised) = await RaiseAsync(release, app, gate, request.Actor, string.Empty, command, cancellationToken).ConfigureAwait(false);
        var text = raised
            ? $"{app.Name}: step {step} needs approval first. I asked in the release's thread (request {approval.Id}, expires {Texts.Time(approval.ExpiresAt)}); "
                + $"once approved I'll carry out `{command}`. May approve: {ApprovalCard.Approvers(approval, access.Holders(Role.Approver, app, release.Conversation.Platform))}."
            : $"{app.Name}: step {step} is waiting for approval (request {approval.Id}, expires {Texts.Time(approval.ExpiresAt)}). Nothing else was changed.";
        return raised ? Outcome.Accepted(text, app.Name, release.Id) : Outcome.Refused(text, app.Name, release.Id);
    }

    /// <summary>
    /// Raises a request for plan step <paramref name="planIndex"/>, or returns the one already waiting. Posts its card and
    /// schedules its end. <paramref name="command"/> is carried out once approved (null: approving only opens the gate).
    /// </summary>
    public async Task<(Approval Approval, bool Raised)> RaiseAsync(
        Release release, AppSpec app, int planIndex, Actor requester, string reason, string? command, CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(app);
        var now = time.GetUtcNow();
        var rules = settings.RulesFor(app.Environment);
        var candidate = new Approval
        {
            Id = ConsentLookup.NewId('a'),
            PlanIndex = planIndex,
            StepText = StepText(release, planIndex),
            Command = command,
            RequestedBy = requester,
            RequestedAt = now,
            ExpiresAt = until is { } end && end > now + rules.Expiry ? end : now + rules.Expiry,
            Reason = reason,
            TwoPersonRule = rules.TwoPersonRule,
            Quorum = rules.Quorum,
        };
        var (approval, raised) = await store.UpdateAsync(release.Id, stored =>
        {
            if (stored.PendingApproval(planIndex) is { } waiting)
            {
                waiting.Command ??= command;
                return (waiting, false);
            }

            stored.Approvals.Add(candidate);
            stored.Revision++;
            return (candidate, true);
        }, cancellationToken).ConfigureAwait(false);
        if (!raised)
        {
            return (approval, false);
        }

        var fresh = (await store.GetAsync(release.Id, cancellationToken).ConfigureAwait(false))!;
        var messageId = await cards.PostAsync(fresh.Conversation, ApprovalCard.For(fresh, approval, access.Holders(Role.Approver, app, fresh.Conversation.Platform)), cancellationToken).ConfigureAwait(false);
        if (messageId is not null)
        {
            await store.UpdateAsync(release.Id, r => r.FindApproval(approval.Id)!.MessageId = messageId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            jobs.ScheduleApprovalExpiry(release.Id, approval.Id, approval.ExpiresAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogExpiryNotScheduled(logger, approval.Id, ex);
        }

        return (approval, true);
    }

    /// <summary>An approver, where the environment has neither the two-person rule nor a quorum: their own step needs no one else.</summary>
    public async Task<bool> CanApproveOwnAsync(Actor actor, AppSpec app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var rules = settings.RulesFor(app.Environment);
        return !rules.TwoPersonRule && rules.Quorum == 1 && await access.RoleOfAsync(actor, app, cancellationToken).ConfigureAwait(false) >= Role.Approver;
    }

    /// <summary>Redraws an approval's card from the release as stored now.</summary>
    public async Task RedrawAsync(string releaseId, string approvalId, AppSpec? app, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false) is not { } release || release.FindApproval(approvalId) is not { } approval)
        {
            return;
        }

        var approvers = app is null ? [] : access.Holders(Role.Approver, app, release.Conversation.Platform);
        await cards.UpdateAsync(release.Conversation, approval.MessageId, ApprovalCard.For(release, approval, approvers), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"full (everyone)", "perf (20% of traffic)".</summary>
    public static string StepText(Release release, int planIndex)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.Plan is { } plan && planIndex >= 0 && planIndex < plan.Steps.Count
            ? $"{plan.Steps[planIndex].Name} ({plan.Steps[planIndex].Action})"
            : "the next promotion";
    }

    /// <summary>Records an approver's approval of their own step: the waiting request if there is one, else a new, decided one.</summary>
    private async Task SelfApproveAsync(string releaseId, int planIndex, string step, Actor actor, ApprovalRules rules, AppSpec app, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var vote = new ApprovalVote(actor.ToString(), Approval.KeyOf(actor), now);
        var waiting = await store.UpdateAsync(releaseId, stored =>
        {
            if (stored.PendingApproval(planIndex) is { } pending)
            {
                pending.Votes.Add(vote);
                (pending.State, pending.DecidedBy, pending.DecidedAt) = (ApprovalState.Approved, actor.ToString(), now);
                return pending.Id;
            }

            stored.Approvals.Add(new Approval
            {
                Id = ConsentLookup.NewId('a'), PlanIndex = planIndex, StepText = step, RequestedBy = actor, RequestedAt = now, ExpiresAt = now,
                Reason = "approved by the person who asked, an approver (no two-person rule here)", Quorum = rules.Quorum,
                Votes = [vote], State = ApprovalState.Approved, DecidedBy = actor.ToString(), DecidedAt = now,
            });
            return null;
        }, cancellationToken).ConfigureAwait(false);
        if (waiting is not null)
        {
            await RedrawAsync(releaseId, waiting, app, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The job queue refused to schedule the end of approval request {ApprovalId}; it stays open until decided")]
    private static partial void LogExpiryNotScheduled(ILogger logger, string approvalId, Exception exception);
}
