using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using Hangfire;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// One moment of a scheduled promotion: its notice, or the promotion itself. The core checks again when it rings
/// (still scheduled, not vetoed, not frozen), so a retry after a failure never promotes a schedule twice.
/// </summary>
internal sealed class PromotionTimerJob(PromotionTimers timers)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    [JobDisplayName("release {0}: schedule {1}, {2}")]
    public Task RingAsync(string releaseId, string scheduleId, PromotionTimer timer, CancellationToken cancellationToken) =>
        timers.RingAsync(releaseId, scheduleId, timer, cancellationToken);
}
