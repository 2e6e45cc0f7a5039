using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>
/// <c>request approval</c>, <c>approve</c> and <c>reject</c>. A decision is one atomic change of the stored release,
/// re-checked there: a request decided, expired or no longer needed refuses every later click, and the two-person rule
/// and the quorum count people by their platform id.
/// </summary>
public sealed class ApprovalHandler(
    ReleaseResolver resolver,
    ConsentLookup lookup,
    AppCatalog apps,
    IReleaseStore store,
    ApprovalDesk desk,
    TimeProvider time)
{
    public async Task<Outcome> RequestAsync(RequestApprovalCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var (release, app, refusal) = await resolver.ResolveAsync(command.Target, request, cancellationToken).ConfigureAwait(false);
        if (release is null || app is null)
        {
            return Outcome.Refused(refusal!, app?.Name);
        }

        if (!release.IsActive || release.State == ReleaseState.Failed)
        {
            return Outcome.Refused($"{app.Name}'s release {release.Id} is {ReleaseRules.Describe(release.State)}; there is no step to approve.", app.Name, release.Id);
        }

        if (release.NextPlanStep() is not { } next)
        {
            return Outcome.Refused($"{app.Name}'s release has no plan step left to approve; `promote {app.Name} full` finishes it.", app.Name, release.Id);
        }

        if (release.Approvals.Any(a => a.PlanIndex == next.Index && a.State == ApprovalState.Approved))
        {
            return Outcome.Refused($"Step {ApprovalDesk.StepText(release, next.Index)} of {app.Name} is already approved; `promote {app.Name} next` takes it.", app.Name, release.Id);
        }

        // Asked for explicitly, the step needs approval in this release even if its plan did not say so.
        await store.UpdateAsync(release.Id, r => r.Plan!.Steps[next.Index].Approval = true, cancellationToken).ConfigureAwait(false);
        var (approval, raised) = await desk.RaiseAsync(release, app, next.Index, request.Actor, command.Reason, null, cancellationToken).ConfigureAwait(false);
        return raised
            ? Outcome.Accepted($"Asked for approval of step {approval.StepText} of {app.Name} (request {approval.Id}, expires {Texts.Time(approval.ExpiresAt)}). "
                + $"Until it is approved, the step is not taken. Approvers answer with `approve {approval.Id}` or `reject {approval.Id} [reason]`.", app.Name, release.Id)
            : Outcome.Refused($"Step {approval.StepText} of {app.Name} already waits for approval (request {approval.Id}).", app.Name, release.Id);
    }

    public async Task<Outcome> ApproveAsync(ApproveCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        return await DecideAsync(command.Id, request, cancellationToken, (release, approval) =>
        {
            var refused = ApprovalVotes.Approve(approval, request.Actor, now);
            if (refused is null)
            {
                release.Revision++;
            }

            return refused;
        }).ConfigureAwait(false);
    }

    public async Task<Outcome> RejectAsync(RejectCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        return await DecideAsync(command.Id, request, cancellationToken, (release, approval) =>
        {
            ApprovalVotes.Reject(approval, request.Actor, command.Reason, now);
            release.Revision++;
            return null;
        }).ConfigureAwait(false);
    }

    /// <summary>Finds the request, re-checks it against the stored release, applies <paramref name="decide"/> and tells.</summary>
    private async Task<Outcome> DecideAsync(string id, ChatRequest request, CancellationToken cancellationToken, Func<Release, Approval, string?> decide)
    {
        if (await lookup.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } found || found.FindApproval(id) is null)
        {
            return Outcome.Refused($"I know no approval request `{id}`; the release's thread shows the ids of its requests.");
        }

        var now = time.GetUtcNow();
        var app = apps.Find(found.App);
        var problem = await store.UpdateAsync(found.Id, release =>
        {
            var approval = release.FindApproval(id)!;
            if (approval.IsPending && now >= approval.ExpiresAt)
            {
                approval.State = ApprovalState.Expired;
            }
            else
            {
                release.WithdrawIfStale(approval, now);
            }

            return approval.IsPending ? decide(release, approval) : ApprovalVotes.Closed(approval);
        }, cancellationToken).ConfigureAwait(false);
        var stored = (await store.GetAsync(found.Id, cancellationToken).ConfigureAwait(false))!;
        var decided = stored.FindApproval(id)!;
        if (problem is null || !decided.IsPending)
        {
            // The card changes with a vote or a decision (a refusal that leaves the request waiting changes nothing on it).
            await desk.RedrawAsync(found.Id, id, app, cancellationToken).ConfigureAwait(false);
        }

        if (problem is not null)
        {
            return Outcome.Refused(problem, found.App, found.Id);
        }

        return decided.State switch
        {
            ApprovalState.Approved => Outcome.Accepted($"Approved: step {decided.StepText} of {stored.App} (request {id}) by {decided.DecidedBy} at {Texts.Time(now)}."
                    + (decided.Command is { } next ? $" Carrying out `{next}` for {decided.RequestedBy.DisplayName}." : $" `promote {stored.App} next` may take it now."),
                    stored.App, stored.Id) with
                {
                    Then = decided.Command is { } then ? new ChatRequest(then, decided.RequestedBy, stored.Conversation) { Origin = RequestOrigin.Approval } : null,
                },
            ApprovalState.Rejected => Outcome.Accepted($"Rejected: step {decided.StepText} of {stored.App} (request {id}) by {decided.DecidedBy}"
                + (decided.Note is { } why ? $": {Texts.Quote(why)}" : string.Empty) + ". The step will not be taken; ask again with `request approval " + stored.App + "`.", stored.App, stored.Id),
            _ => Outcome.Accepted($"Recorded your approval of step {decided.StepText} of {stored.App} (request {id}): {ApprovalVotes.Counted(decided)}", stored.App, stored.Id),
        };
    }
}
