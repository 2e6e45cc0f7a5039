using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Access;

/// <summary>What the access check found: a refusal, or the app the command concerns and the person's role for it.</summary>
public sealed record AccessDecision(Outcome? Refusal, AppSpec? App, Role Role);

/// <summary>
/// The role each command needs, checked for the app it concerns before anything else happens — for typed commands,
/// button clicks, scheduled promotions and approved ones alike.
/// </summary>
public sealed class CommandAccess(AccessGate gate, AppCatalog apps, ReleaseResolver resolver, ConsentLookup lookup, IFlagChangeStore flagChanges)
{
    public static Role Needed(Command command) => command switch
    {
        HelpCommand => Role.None,
        StatusCommand or HistoryCommand or PlanCommand or CompareCommand or ScheduleListCommand or FreezeListCommand
            or FlagListCommand or FlagHistoryCommand => Role.Viewer,
        ApproveCommand or RejectCommand => Role.Approver,
        FreezeCommand { App: null } or UnfreezeCommand => Role.Admin,
        _ => Role.Deployer,
    };

    public async Task<AccessDecision> CheckAsync(Command command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var app = await AppOfAsync(command, request, cancellationToken).ConfigureAwait(false);
        var needed = Needed(command);
        if (command is RejectCommand reject && await IsRequesterAsync(reject.Id, request.Actor, cancellationToken).ConfigureAwait(false))
        {
            needed = Role.Deployer; // withdrawing one's own request
        }

        var what = $"`{Verb(command)}`";
        var refusal = await gate.CheckAsync(request.Actor, needed, app, what, cancellationToken).ConfigureAwait(false);
        var role = await gate.RoleOfAsync(request.Actor, app, cancellationToken).ConfigureAwait(false);
        return new AccessDecision(refusal is null ? null : Outcome.Refused(refusal, app?.Name), app, role);
    }

    private async Task<AppSpec?> AppOfAsync(Command command, ChatRequest request, CancellationToken cancellationToken)
    {
        var target = command switch
        {
            PromoteCommand c => c.Target,
            SwitchCommand c => c.Target,
            RouteCommand c => c.Target,
            CompareCommand c => c.Target,
            PauseCommand c => c.Target,
            ResumeCommand c => c.Target,
            RollbackCommand c => c.Target,
            RequestApprovalCommand c => c.Target,
            SchedulePromoteCommand c => c.Promote.Target,
            _ => null,
        };
        if (target is not null)
        {
            return target.App is { } name ? apps.Find(name) : (await resolver.ResolveAsync(target, request, cancellationToken).ConfigureAwait(false)).App;
        }

        var id = command switch
        {
            ApproveCommand c => c.Id,
            RejectCommand c => c.Id,
            VetoCommand c => c.Id,
            PostponeCommand c => c.Id,
            ScheduleCancelCommand c => c.Id,
            _ => null,
        };
        if (id is not null && await flagChanges.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } change)
        {
            return apps.Find(change.App);
        }

        if (id is not null)
        {
            return (await lookup.FindAsync(id, cancellationToken).ConfigureAwait(false)) is { } found ? apps.Find(found.App) : null;
        }

        var name2 = command switch
        {
            DeployCommand c => c.App,
            StatusCommand c => c.App,
            HistoryCommand c => c.App,
            PlanCommand c => c.App,
            ScheduleListCommand c => c.App,
            FreezeCommand c => c.App,
            UnfreezeCommand c => c.App,
            FlagCommand c => c.App,
            FlagListCommand c => c.App,
            FlagHistoryCommand c => c.App,
            _ => null,
        };
        return name2 is null ? null : apps.Find(name2);
    }

    private async Task<bool> IsRequesterAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        var approval = await flagChanges.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } change
            ? change.Approval
            : (await lookup.FindAsync(id, cancellationToken).ConfigureAwait(false))?.FindApproval(id);
        return approval is not null && Approval.KeyOf(approval.RequestedBy) == Approval.KeyOf(actor);
    }

    private static string Verb(Command command) => command switch
    {
        RequestApprovalCommand => "request approval",
        SchedulePromoteCommand or ScheduleCancelCommand or ScheduleListCommand => "schedule",
        FreezeListCommand or FreezeCommand => "freeze",
        FlagListCommand => "flags",
        FlagHistoryCommand => "flag … history",
        _ => command.GetType().Name.Replace("Command", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
    };
}
