using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// After the bot starts, carries every unfinished release on where it stood: steps left open (say the bot was killed
/// while one ran) are queued again — applied steps are never repeated — and the watch of a baking step is started
/// again, its bake counted from when the step began (downtime included) unless
/// <see cref="ReleaseSettings.RestartBakeAfterDowntime"/>. Each release's thread is told.
/// </summary>
public sealed partial class RestartRecovery(
    IReleaseStore store,
    IReleaseJobs jobs,
    ReleaseWatch watch,
    ReplyPoster replies,
    ReleaseSettings settings,
    TimeProvider time,
    ILogger<RestartRecovery> logger)
{
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        foreach (var release in await store.ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = time.GetUtcNow();
            var open = release.NextOpenStep;
            if (open is not null)
            {
                LogRequeued(logger, release.Id, release.App);
                jobs.EnqueueOpenSteps(release.Id);
            }

            var watched = ReleaseWatch.Watches(release);
            if (watched && settings.RestartBakeAfterDowntime && release.BakeStartedAt is not null)
            {
                await store.UpdateAsync(release.Id, r => r.BakeStartedAt = now, cancellationToken).ConfigureAwait(false);
                release.BakeStartedAt = now;
            }

            if (watched)
            {
                watch.Start(release.Id, release.NextLookAt is { } due && due > now ? due : now);
            }

            if (open is not null || watched)
            {
                await replies.PostAsync(release.Conversation, Reply.Info(Told(release, open, now)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string Told(Release release, ReleaseStep? open, DateTimeOffset now)
    {
        var text = $"I restarted at {Texts.Until(now, now)} and carry on with release {release.Id} of {release.App}";
        if (open is not null)
        {
            text += open.Status == StepStatus.Running
                ? $": the step that was running ({open.Describe()}) is carried out again from where the cluster stands"
                : $": the queued step ({open.Describe()}) runs now";
        }

        if (PlanTexts.Where(release, now) is { } where && release.CurrentPlanStep is not null)
        {
            text += $"; {where}" + (settings.RestartBakeAfterDowntime ? " (its bake starts again now)" : string.Empty);
        }

        return text + ".";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release {ReleaseId} of {App} had unfinished steps at start-up; queued them again")]
    private static partial void LogRequeued(ILogger logger, string releaseId, string app);
}
