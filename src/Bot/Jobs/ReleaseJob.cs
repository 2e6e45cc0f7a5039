using ChatOpsRelease.Commands.Handlers;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// The Hangfire job behind every cluster change: takes the release's lock, then carries out its open steps
/// in order. Running it twice is harmless — applied steps are never applied again.
/// </summary>
internal sealed class ReleaseJob
{
    private readonly IReleaseLocks _locks;
    private readonly ReleaseStepRunner _runner;
    private readonly JobsOptions _options;

    public ReleaseJob(IReleaseLocks locks, ReleaseStepRunner runner, IOptions<JobsOptions> options)
    {
        _locks = locks;
        _runner = runner;
        _options = options.Value;
    }

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [2, 5, 15, 30, 60])]
    [JobDisplayName("release {0}: carry out open steps")]
    public async Task RunAsync(string releaseId, CancellationToken cancellationToken)
    {
        await using var held = await _locks.AcquireAsync(releaseId, _options.ReleaseLockTimeout, cancellationToken).ConfigureAwait(false);
        await _runner.RunOpenStepsAsync(releaseId, cancellationToken).ConfigureAwait(false);
    }
}
