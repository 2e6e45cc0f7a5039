using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>
/// The timers of a flag change: its approval request's end, and the end of a flag set for a while. At its end the flag
/// is turned off in the ConfigMap — unless it was changed since — and the conversation told. The app itself already
/// sees the flag off from that instant (its <c>Microsoft.TimeWindow</c> filter), even when the bot is down.
/// </summary>
public sealed partial class FlagTimers(
    IFlagChangeStore store,
    AppCatalog apps,
    FlagClusters maps,
    FlagApprovals approvals,
    IReleaseJobs jobs,
    ReplyPoster replies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FlagTimers> logger)
{
    public const string Actor = "bot (flag end)";

    public Task RingAsync(string changeId, FlagTimer timer, CancellationToken cancellationToken) => timer == FlagTimer.RequestExpiry
        ? approvals.ExpireAsync(changeId, cancellationToken)
        : EndAsync(changeId, cancellationToken);

    private async Task EndAsync(string changeId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(changeId, cancellationToken).ConfigureAwait(false) is not { State: FlagChangeState.Applied, Until: { } until } change
            || apps.Find(change.App) is not { } app)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now < until)
        {
            jobs.ScheduleFlagTimer(changeId, FlagTimer.FlagEnd, until);
            return;
        }

        var (before, after) = await maps.ChangeAsync(app, set => set.Find(change.Flag) is { Enabled: true } flag && flag.Until == until
            ? set.With(FeatureFlag.Off(flag.Name) with { ChangedBy = Actor, ChangedAt = now })
            : set, cancellationToken).ConfigureAwait(false);
        if (before.Find(change.Flag) is not { Enabled: true } ended || ended.Until != until)
        {
            LogChangedSince(logger, change.App, change.Flag, changeId);
            return;
        }

        var text = $"{app.Name}: flag {ended.Name} ended at {Texts.Time(until)} as `{change.Command}` ({change.RequestedBy.DisplayName}) set it; it is off now.";
        await replies.PostAsync(change.Conversation, Reply.Info(text), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(now, Actor, change.Conversation.ToString(), app.Name, null, $"flag change {changeId} end", AuditOutcome.Done, text),
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{App}'s flag {Flag} was changed after change {ChangeId}; its end leaves it alone")]
    private static partial void LogChangedSince(ILogger logger, string app, string flag, string changeId);
}
