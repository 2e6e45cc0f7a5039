using ChatOpsRelease.Commands.Handlers;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// One look of a release's watch, under the release's lock so it never races a step or a person's command. A look
/// that fails is not retried: the next look comes on its schedule, and the recovery at start-up restarts a broken chain.
/// </summary>
internal sealed class WatchJob(IReleaseLocks locks, ReleaseWatch watch, IOptions<JobsOptions> options)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("release {0}: watch the baking step")]
    public async Task LookAsync(string releaseId, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(releaseId, options.Value.ReleaseLockTimeout, cancellationToken).ConfigureAwait(false);
        await watch.LookAsync(releaseId, cancellationToken).ConfigureAwait(false);
    }
}
