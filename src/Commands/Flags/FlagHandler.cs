using System.Text;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>
/// <c>flag</c>: works out what the change makes of the flag as the cluster has it now, then shows it (<c>--dry-run</c>),
/// asks for approval where the environment wants it, or records the change and queues the job that writes it.
/// </summary>
public sealed partial class FlagHandler(
    AppCatalog apps,
    FlagClusters maps,
    IFlagChangeStore store,
    IReleaseJobs jobs,
    FlagSettings settings,
    ConsentSettings consent,
    ApprovalDesk desk,
    FlagApprovals approvals,
    TimeProvider time,
    ILogger<FlagHandler> logger)
{
    public async Task<Outcome> ChangeAsync(FlagCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        if (apps.Find(command.App) is not { } app)
        {
            return Outcome.Refused(apps.Unknown(command.App));
        }

        var now = time.GetUtcNow();
        if (FlagEdits.ResolveEnd(command.Setting, now, consent.TimeZone, out var end) is { } endError)
        {
            return Outcome.Refused(endError, app.Name);
        }

        var current = await maps.ReadAsync(app, cancellationToken).ConfigureAwait(false);
        var flag = current.Find(command.Flag) ?? FeatureFlag.Off(command.Flag);
        if (FlagEdits.Problem(app.Name, flag, command.Setting, now) is { } problem)
        {
            return Outcome.Refused(problem, app.Name);
        }

        var next = FlagEdits.Apply(flag, command.Setting, end, request.Actor.ToString(), now);
        var (from, to) = (FlagEdits.Describe(flag, now), FlagEdits.Describe(next, now));
        if (next.SameStateAs(flag) || (flag.IsOffAt(now) && next.IsOffAt(now)))
        {
            return Outcome.Answered($"{app.Name}: flag {flag.Name} is already {from}; nothing changed.", app.Name);
        }

        var needsApproval = settings.NeedsApproval(app.Environment, command.Setting.Kind);
        CommandLine.Check(request.Text, out var line);
        if (command.Flags.DryRun)
        {
            return Outcome.Answered(DryRun(line, app, next, from, to, needsApproval), app.Name);
        }

        var change = new FlagChange
        {
            Id = ConsentLookup.NewId('g'), App = app.Name, Flag = flag.Name, Command = line, From = from, To = to,
            RequestedBy = request.Actor, Conversation = request.Conversation, RequestedAt = now,
        };
        if (needsApproval)
        {
            if (request.Origin == RequestOrigin.Approval)
            {
                return await approvals.ClaimAsync(app.Name, line, request.Actor, cancellationToken).ConfigureAwait(false) is { } approved
                    ? await QueueAsync(app, approved, existing: true, cancellationToken).ConfigureAwait(false)
                    : Outcome.Refused($"{app.Name}: `{line}` needs approval in {app.Environment} and has none.", app.Name);
            }

            if (!await desk.CanApproveOwnAsync(request.Actor, app, cancellationToken).ConfigureAwait(false))
            {
                return await approvals.RaiseAsync(app, change, cancellationToken).ConfigureAwait(false);
            }

            change.Approval = SelfApproved(change, request.Actor, now);
        }

        return await QueueAsync(app, change, existing: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Outcome> QueueAsync(AppSpec app, FlagChange change, bool existing, CancellationToken cancellationToken)
    {
        change.State = FlagChangeState.Queued;
        if (!existing)
        {
            await store.AddAsync(change, cancellationToken).ConfigureAwait(false);
        }

        var text = $"Queued: {app.Name}: flag {change.Flag} → {change.To} (was {change.From}; change {change.Id}). I'll say here when it is written to {maps.Where(app)}.";
        try
        {
            jobs.EnqueueFlagChange(change.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogQueueFailed(logger, change.Id, ex);
            await store.UpdateAsync(change.Id, c => (c.State, c.Result) = (FlagChangeState.Failed, "the job queue did not take it"), cancellationToken).ConfigureAwait(false);
            return new Outcome(Reply.Failure($"{app.Name}: flag {change.Flag} was not changed — the job queue did not take the change. Say it again in a moment."),
                AuditOutcome.Failed, app.Name);
        }

        return Outcome.Accepted(text, app.Name, null);
    }

    private string DryRun(string line, AppSpec app, FeatureFlag next, string from, string to, bool needsApproval)
    {
        var text = new StringBuilder($"Dry run of `{line}` — nothing was changed. {app.Name}: flag {next.Name} would go from {from} to {to}; ")
            .Append($"{maps.Where(app)} would say, under `{FlagDocuments.FeatureManagementKey}`:\n```\n\"{next.Name}\": ")
            .Append(FlagDocuments.RenderFeatureManagement(next).ToJsonString())
            .Append("\n```");
        if (needsApproval)
        {
            text.Append($"\nIn {app.Environment} the change needs approval first.");
        }

        return text.ToString();
    }

    private static Approval SelfApproved(FlagChange change, Actor actor, DateTimeOffset now) => new()
    {
        Id = change.Id, PlanIndex = -1, StepText = $"flag {change.Flag} of {change.App} {change.To}", Command = change.Command,
        RequestedBy = actor, RequestedAt = now, ExpiresAt = now, State = ApprovalState.Approved, DecidedBy = actor.ToString(), DecidedAt = now,
        Votes = [new ApprovalVote(actor.ToString(), Approval.KeyOf(actor), now)],
        Reason = "approved by the person who asked, an approver (no two-person rule here)",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Flag change {ChangeId}: the job queue refused the job")]
    private static partial void LogQueueFailed(ILogger logger, string changeId, Exception exception);
}
