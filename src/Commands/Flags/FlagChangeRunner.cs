using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>
/// Writes a queued flag change to the app's ConfigMap in every cluster of the app, applying it to the flags as they
/// are then, and tells the conversation with a card (and its Turn off button). A flag set for a while gets the timer
/// that turns it off. A change that is no longer queued is left alone, so running twice writes once.
/// </summary>
public sealed partial class FlagChangeRunner(
    IFlagChangeStore store,
    AppCatalog apps,
    FlagClusters maps,
    Consent.ConsentSettings consent,
    IReleaseJobs jobs,
    Consent.DecisionCards cards,
    ReplyPoster replies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FlagChangeRunner> logger)
{
    public async Task RunAsync(string changeId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(changeId, cancellationToken).ConfigureAwait(false) is not { State: FlagChangeState.Queued } change)
        {
            return;
        }

        var now = time.GetUtcNow();
        var setting = (CommandParser.Parse(change.Command).Command as FlagCommand)?.Setting;
        DateTimeOffset? end = null;
        var problem = apps.Find(change.App) is null ? $"the app {change.App} is no longer configured"
            : setting is null ? "its command could not be read again"
            : FlagEdits.ResolveEnd(setting, now, consent.TimeZone, out end);
        if (problem is not null)
        {
            await FailAsync(change, problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        var app = apps.Find(change.App)!;
        try
        {
            var (before, after) = await maps.ChangeAsync(app, set =>
                set.With(FlagEdits.Apply(set.Find(change.Flag) ?? FeatureFlag.Off(change.Flag), setting!, end, change.RequestedBy.ToString(), now)), cancellationToken)
                .ConfigureAwait(false);
            var flag = after.Find(change.Flag)!;
            var from = FlagEdits.Describe(before.Find(change.Flag) ?? FeatureFlag.Off(change.Flag), now);
            var to = FlagEdits.Describe(flag, now);
            await store.UpdateAsync(changeId, c => (c.State, c.From, c.To, c.DoneAt, c.Until) = (FlagChangeState.Applied, from, to, now, flag.IsOffAt(now) ? null : flag.Until),
                cancellationToken).ConfigureAwait(false);
            change = (await store.GetAsync(changeId, cancellationToken).ConfigureAwait(false))!;
            LogWritten(logger, changeId, app.Name, change.Flag);
            var text = $"{app.Name}: flag {flag.Name} is now {to} (was {from}), written to {maps.Where(app)} for {change.RequestedBy.DisplayName}.";
            await replies.PostAsync(change.Conversation, Reply.Success(text), cancellationToken).ConfigureAwait(false);
            await cards.PostAsync(change.Conversation, FlagCards.Written(app, change, flag, maps.Where(app), now), cancellationToken).ConfigureAwait(false);
            await AuditAsync(change, AuditOutcome.Done, text, now, cancellationToken).ConfigureAwait(false);
            if (change.Until is { } until)
            {
                jobs.ScheduleFlagTimer(changeId, FlagTimer.FlagEnd, until);
            }
        }
        catch (ClusterException ex)
        {
            LogNotWritten(logger, changeId, app.Name, ex);
            await FailAsync(change, ex.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(FlagChange change, string why, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.UpdateAsync(change.Id, c => (c.State, c.Result, c.DoneAt) = (FlagChangeState.Failed, why, now), cancellationToken).ConfigureAwait(false);
        var text = $"{change.App}: flag {change.Flag} was not changed by `{change.Command}` (change {change.Id}): {why}";
        await replies.PostAsync(change.Conversation, Reply.Failure(text), cancellationToken).ConfigureAwait(false);
        await AuditAsync(change, AuditOutcome.Failed, text, now, cancellationToken).ConfigureAwait(false);
    }

    private Task AuditAsync(FlagChange change, AuditOutcome outcome, string text, DateTimeOffset now, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEntry(now, change.RequestedBy.ToString(), change.Conversation.ToString(), change.App, null,
            $"flag change {change.Id}", outcome, text), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flag change {ChangeId}: {App}'s flag {Flag} written")]
    private static partial void LogWritten(ILogger logger, string changeId, string app, string flag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flag change {ChangeId}: {App}'s flags could not be written")]
    private static partial void LogNotWritten(ILogger logger, string changeId, string app, Exception exception);
}
