using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>What a command came to: the reply, and the app and release it concerned, if any.</summary>
public sealed record CommandResult(Reply Reply, string? App, string? ReleaseId);

/// <summary>
/// The entry point for every chat message: parse, hand to the verb's handler, audit, redraw the release's card
/// and queue its job, answer. Whatever happens, the person gets a sentence — never an exception's text.
/// </summary>
public sealed partial class CommandHandler(
    DeployHandler deploy,
    PromoteHandler promote,
    SwitchHandler switcher,
    RouteHandler route,
    CompareHandler compare,
    PauseResumeHandler pauseResume,
    RollbackHandler rollback,
    StatusHandler status,
    HistoryHandler history,
    PlanHandler plan,
    Flags.FlagHandler flags,
    Flags.FlagViews flagViews,
    Access.CommandGates gates,
    Consent.ConsentCommands consent,
    ReplyPoster replies,
    IReleaseStore store,
    IReleaseJobs jobs,
    ReleaseCards cards,
    IAuditLog audit,
    TimeProvider time,
    ILogger<CommandHandler> logger)
{
    public async Task<CommandResult> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unreadable = CommandLine.Check(request.Text, out var text);
        Outcome outcome;
        try
        {
            var parsed = unreadable is null ? CommandParser.Parse(text) : ParseResult.Fail(unreadable);
            outcome = await StaleCardAsync(request.Guard, cancellationToken).ConfigureAwait(false)
                ?? (parsed.Command is { } command
                    ? await GuardedAsync(command, request, text, cancellationToken).ConfigureAwait(false)
                    : Outcome.Refused(parsed.Error!));
            outcome = await FollowUpAsync(outcome, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            LogClusterTrouble(logger, text, ex);
            outcome = Outcome.Refused($"I couldn't finish `{text}` because the cluster did not answer as expected: {ex.Message} Nothing was changed.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reference = Guid.NewGuid().ToString("N")[..8];
            LogUnexpected(logger, reference, text, ex);
            outcome = Outcome.Refused($"Something went wrong while handling `{text}` (reference {reference}); I did not go on with it. "
                + "The bot's log has the details under that reference.");
        }

        await AuditAsync(request, text, outcome, cancellationToken).ConfigureAwait(false);
        if (outcome.Then is { } then)
        {
            // An approval that completes a request carries out the promotion that asked for it, with every check again.
            var next = await HandleAsync(then, cancellationToken).ConfigureAwait(false);
            var kind = next.Reply.Kind == ReplyKind.Refused ? ReplyKind.Failure : next.Reply.Kind;
            return new CommandResult(next.Reply with { Kind = kind, Text = outcome.Reply.Text + "\n" + next.Reply.Text }, outcome.App, outcome.ReleaseId);
        }

        return new CommandResult(outcome.Reply, outcome.App, outcome.ReleaseId);
    }

    /// <summary>The access and freeze checks, then the verb's handler; a freeze passed by an admin's <c>--force</c> is told and recorded.</summary>
    private async Task<Outcome> GuardedAsync(Command command, ChatRequest request, string text, CancellationToken cancellationToken)
    {
        var gate = await gates.CheckAsync(command, request, cancellationToken).ConfigureAwait(false);
        if (gate.Refusal is { } refusal)
        {
            return refusal;
        }

        var outcome = consent.TryHandle(command, request, cancellationToken) is { } consentTask
            ? await consentTask.ConfigureAwait(false)
            : await DispatchAsync(command, request, cancellationToken).ConfigureAwait(false);
        if (gate.Overridden is not { } freeze || outcome.Audit != AuditOutcome.Accepted)
        {
            return outcome;
        }

        var warning = $"⚠ Freeze override: {request.Actor} ran `{text}` although {freeze.Describe(gate.App!)}.";
        LogFreezeOverride(logger, request.Actor.ToString(), text, freeze.Name);
        await AuditAsync(request, "freeze override", Outcome.Accepted(warning, gate.App, outcome.ReleaseId), cancellationToken).ConfigureAwait(false);
        if (outcome.ReleaseId is { } releaseId && await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false) is { } release
            && release.Conversation != request.Conversation)
        {
            await replies.PostAsync(release.Conversation, Reply.Info(warning), cancellationToken).ConfigureAwait(false);
        }

        return outcome with { Reply = outcome.Reply with { Text = warning + "\n" + outcome.Reply.Text } };
    }

    /// <summary>A click on a card the release has moved on from is refused, not replayed.</summary>
    private async Task<Outcome?> StaleCardAsync(CardGuard? guard, CancellationToken cancellationToken)
    {
        if (guard is null)
        {
            return null;
        }

        var release = await store.GetAsync(guard.ReleaseId, cancellationToken).ConfigureAwait(false);
        if (release is null)
        {
            return Outcome.Refused("That button belongs to a release I don't know. Nothing was changed.");
        }

        return release.Revision == guard.Revision
            ? null
            : Outcome.Refused(
                $"That card is out of date — {Texts.Summary(release)}. Nothing was changed; use the buttons on the current card or type the command.",
                release.App,
                release.Id);
    }

    /// <summary>
    /// After an accepted change: redraw the release's card (which may open its thread), then queue its job, then schedule
    /// the end of a timed user rule.
    /// </summary>
    private async Task<Outcome> FollowUpAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Audit != AuditOutcome.Accepted || outcome.ReleaseId is not { } releaseId)
        {
            return outcome;
        }

        await cards.ShowAsync(releaseId, cancellationToken).ConfigureAwait(false);
        if (outcome.QueuesSteps)
        {
            try
            {
                jobs.EnqueueOpenSteps(releaseId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogQueueFailed(logger, releaseId, ex);
                outcome = outcome with
                {
                    Reply = Reply.Failure(outcome.Reply.Text + " — but the job queue did not take it. The step is recorded and will be carried out when the bot next starts."),
                };
            }
        }

        if (outcome.ExpiresAt is { } end)
        {
            try
            {
                jobs.ScheduleRuleExpiry(releaseId, end);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScheduleFailed(logger, releaseId, end, ex);
                outcome = outcome with
                {
                    Reply = Reply.Failure(outcome.Reply.Text + $" — but the job queue did not take the rule's end at {Texts.Time(end)}, "
                        + $"so it will not end by itself: say `route {outcome.App} clear` when it should."),
                };
            }
        }

        return outcome;
    }

    private async Task<Outcome> DispatchAsync(Command command, ChatRequest request, CancellationToken cancellationToken) => command switch
    {
        DeployCommand c => await deploy.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        PromoteCommand c => await promote.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        SwitchCommand c => await switcher.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        RouteCommand c => await route.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        CompareCommand c => await compare.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        PauseCommand or ResumeCommand => await pauseResume.HandleAsync(command, request, cancellationToken).ConfigureAwait(false),
        RollbackCommand c => await rollback.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        StatusCommand c => await status.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        HistoryCommand c => await history.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        PlanCommand c => await plan.HandleAsync(c, cancellationToken).ConfigureAwait(false),
        FlagCommand c => await flags.ChangeAsync(c, request, cancellationToken).ConfigureAwait(false),
        FlagListCommand c => await flagViews.ListAsync(c, cancellationToken).ConfigureAwait(false),
        FlagHistoryCommand c => await flagViews.HistoryAsync(c, cancellationToken).ConfigureAwait(false),
        HelpCommand c => HelpHandler.Handle(c),
        _ => throw new InvalidOperationException($"No handler for {command.GetType().Name}."),
    };

    private async Task AuditAsync(ChatRequest request, string text, Outcome outcome, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(time.GetUtcNow(), request.Actor.ToString(), request.Conversation.ToString(), outcome.App,
            outcome.ReleaseId, text, outcome.Audit, outcome.Reply.Text);
        try
        {
            await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAuditLost(logger, entry.Actor, text, entry.Outcome, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Actor} overrode the freeze {Freeze} with '{Command}'")]
    private static partial void LogFreezeOverride(ILogger logger, string actor, string command, string freeze);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: the job queue refused the job")]
    private static partial void LogQueueFailed(ILogger logger, string releaseId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release {ReleaseId}: the job queue refused to schedule the end of a user rule at {At}")]
    private static partial void LogScheduleFailed(ILogger logger, string releaseId, DateTimeOffset at, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster trouble while handling '{Command}'")]
    private static partial void LogClusterTrouble(ILogger logger, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure {Reference} while handling '{Command}'")]
    private static partial void LogUnexpected(ILogger logger, string reference, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for '{Command}' by {Actor} ({Outcome})")]
    private static partial void LogAuditLost(ILogger logger, string actor, string command, AuditOutcome outcome, Exception exception);
}
