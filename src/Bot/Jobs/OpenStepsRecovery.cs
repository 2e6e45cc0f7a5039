using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// At start-up, queues a job for every release that still has open steps — say the bot stopped while a step
/// was running — so nothing asked for is forgotten. A job with nothing to do finishes at once.
/// </summary>
internal sealed partial class OpenStepsRecovery(IReleaseStore store, IReleaseJobs jobs, ILogger<OpenStepsRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var release in await store.ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            if (release.HasOpenSteps)
            {
                LogRequeued(logger, release.Id, release.App);
                jobs.EnqueueOpenSteps(release.Id);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release {ReleaseId} of {App} had unfinished steps at start-up; queued them again")]
    private static partial void LogRequeued(ILogger logger, string releaseId, string app);
}
