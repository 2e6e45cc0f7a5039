using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>The moments of a scheduled promotion: its notice, and the promotion itself after the re-checks.</summary>
public sealed partial class PromotionTimers
{
    public Task RingAsync(string releaseId, string scheduleId, PromotionTimer timer, CancellationToken cancellationToken) => Task.CompletedTask;
}
