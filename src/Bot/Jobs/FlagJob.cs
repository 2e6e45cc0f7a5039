using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using Hangfire;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// A flag change written to the cluster, and its timers. Each is idempotent: a change already applied, a request
/// already decided or a flag changed since is left as it is, so a retry after a failure is harmless.
/// </summary>
internal sealed class FlagJob(FlagChangeRunner runner, FlagTimers timers)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    [JobDisplayName("flag change {0}: write it to the cluster")]
    public Task RunAsync(string changeId, CancellationToken cancellationToken) => runner.RunAsync(changeId, cancellationToken);

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    [JobDisplayName("flag change {0}: {1}")]
    public Task RingAsync(string changeId, FlagTimer timer, CancellationToken cancellationToken) => timers.RingAsync(changeId, timer, cancellationToken);
}
