using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// The end of a blue-green release's keep time: the old colour, kept up after the switch for an instant way back, is
/// retired — the new version becomes the stable Deployment and the release completes. A release rolled back, or one
/// whose keep time moved, is left alone; an early timer sets itself again for the end. During a freeze the old colour is
/// kept (retiring changes the cluster and ends the instant way back) until the freeze ends, and the thread is told.
/// </summary>
public sealed partial class OldColourRetirement(
    IReleaseStore store,
    IReleaseJobs jobs,
    Consent.FreezeGate freezes,
    ReplyPoster replies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<OldColourRetirement> logger)
{
    public const string Actor = "bot (blue-green)";

    /// <summary>How soon a freeze with no end is looked at again.</summary>
    public static readonly TimeSpan FreezeRecheck = TimeSpan.FromHours(1);

    public async Task RetireAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false) is not { KeepOldUntil: { } until } release || !Due(release))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (now < until)
        {
            jobs.ScheduleRetire(releaseId, until);
            return;
        }

        if (await freezes.FindAsync(release.App, now, cancellationToken).ConfigureAwait(false) is { } freeze)
        {
            var again = freeze.Until ?? now + FreezeRecheck;
            jobs.ScheduleRetire(releaseId, again);
            await replies.PostAsync(release.Conversation, Reply.Info($"{release.App}: {release.FromVersion} stays up — {freeze.Describe(release.App)}. "
                + $"I'll retire it after the freeze (looking again at {Texts.Time(again)}); `rollback {release.App}` still switches back."), cancellationToken).ConfigureAwait(false);
            return;
        }

        var accepted = await store.UpdateAsync(releaseId, stored =>
        {
            if (!Due(stored))
            {
                return false;
            }

            stored.Accept(ReleaseTrigger.Full, null, Actor, stored.Conversation, now);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!accepted)
        {
            return;
        }

        LogRetiring(logger, releaseId, release.App);
        var text = $"{release.App}: {release.FromVersion} was kept up for {Texts.Duration(release.KeepOld)} after the switch; retiring it now — "
            + $"{release.ToVersion} becomes the stable version and the new colour's objects go.";
        await replies.PostAsync(release.Conversation, Reply.Info(text), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditEntry(now, Actor, release.Conversation.ToString(), release.App, release.Id, "retire the old colour", AuditOutcome.Accepted, text),
            cancellationToken).ConfigureAwait(false);
        jobs.EnqueueOpenSteps(releaseId);
    }

    /// <summary>Switched, still running, nothing else under way.</summary>
    private static bool Due(Release release) =>
        release.IsSwitched && release.State == ReleaseState.Canary && !release.HasOpenSteps;

    [LoggerMessage(Level = LogLevel.Information, Message = "Release {ReleaseId} of {App}: the old colour's keep time is over; retiring it")]
    private static partial void LogRetiring(ILogger logger, string releaseId, string app);
}
