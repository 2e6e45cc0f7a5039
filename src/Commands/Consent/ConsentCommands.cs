using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>Hands the verbs of consent — approvals (of release steps and of flag changes), schedules, freezes — to their handlers.</summary>
public sealed class ConsentCommands(ApprovalHandler approvals, Flags.FlagApprovals flagApprovals, ScheduleHandler schedules, FreezeHandler freezes)
{
    /// <summary>The outcome of a consent verb, or null when <paramref name="command"/> is not one.</summary>
    public Task<Outcome>? TryHandle(Command command, ChatRequest request, CancellationToken cancellationToken) => command switch
    {
        RequestApprovalCommand c => approvals.RequestAsync(c, request, cancellationToken),
        ApproveCommand c => ApproveAsync(c, request, cancellationToken),
        RejectCommand c => RejectAsync(c, request, cancellationToken),
        SchedulePromoteCommand c => schedules.ScheduleAsync(c, request, cancellationToken),
        ScheduleListCommand c => schedules.ListAsync(c, cancellationToken),
        ScheduleCancelCommand c => schedules.CancelAsync(c.Id, false, string.Empty, request, cancellationToken),
        VetoCommand c => schedules.CancelAsync(c.Id, true, c.Reason, request, cancellationToken),
        PostponeCommand c => schedules.PostponeAsync(c, request, cancellationToken),
        FreezeCommand c => freezes.FreezeAsync(c, request, cancellationToken),
        UnfreezeCommand c => freezes.UnfreezeAsync(c, cancellationToken),
        FreezeListCommand => freezes.ListAsync(cancellationToken),
        _ => null,
    };

    private async Task<Outcome> ApproveAsync(ApproveCommand command, ChatRequest request, CancellationToken cancellationToken) =>
        await flagApprovals.HoldsAsync(command.Id, cancellationToken).ConfigureAwait(false)
            ? await flagApprovals.ApproveAsync(command.Id, request, cancellationToken).ConfigureAwait(false)
            : await approvals.ApproveAsync(command, request, cancellationToken).ConfigureAwait(false);

    private async Task<Outcome> RejectAsync(RejectCommand command, ChatRequest request, CancellationToken cancellationToken) =>
        await flagApprovals.HoldsAsync(command.Id, cancellationToken).ConfigureAwait(false)
            ? await flagApprovals.RejectAsync(command.Id, command.Reason, request, cancellationToken).ConfigureAwait(false)
            : await approvals.RejectAsync(command, request, cancellationToken).ConfigureAwait(false);
}
