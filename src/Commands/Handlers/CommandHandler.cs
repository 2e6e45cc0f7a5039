using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// The entry point for every chat message: parse, hand to the verb's handler, audit, answer. Whatever
/// happens, the person gets a sentence — never an exception's text.
/// </summary>
public sealed partial class CommandHandler(
    DeployHandler deploy,
    PromoteHandler promote,
    PauseResumeHandler pauseResume,
    RollbackHandler rollback,
    StatusHandler status,
    HistoryHandler history,
    IAuditLog audit,
    TimeProvider time,
    ILogger<CommandHandler> logger)
{
    public async Task<Reply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text.Trim();
        Outcome outcome;
        try
        {
            var parsed = CommandParser.Parse(text);
            outcome = parsed.Command is { } command
                ? await DispatchAsync(command, request, cancellationToken).ConfigureAwait(false)
                : Outcome.Refused(parsed.Error!);
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
        return outcome.Reply;
    }

    private async Task<Outcome> DispatchAsync(Command command, ChatRequest request, CancellationToken cancellationToken) => command switch
    {
        DeployCommand c => await deploy.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        PromoteCommand c => await promote.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        PauseCommand or ResumeCommand => await pauseResume.HandleAsync(command, request, cancellationToken).ConfigureAwait(false),
        RollbackCommand c => await rollback.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        StatusCommand c => await status.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
        HistoryCommand c => await history.HandleAsync(c, request, cancellationToken).ConfigureAwait(false),
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster trouble while handling '{Command}'")]
    private static partial void LogClusterTrouble(ILogger logger, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure {Reference} while handling '{Command}'")]
    private static partial void LogUnexpected(ILogger logger, string reference, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry for '{Command}' by {Actor} ({Outcome})")]
    private static partial void LogAuditLost(ILogger logger, string actor, string command, AuditOutcome outcome, Exception exception);
}
