using Hangfire;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>
/// Reads the job queue's enqueued and scheduled counts into <see cref="BotMetrics"/> each time the metrics are scraped,
/// within <see cref="ObservabilityOptions.ReadinessTimeout"/>. A queue that does not answer leaves the last counts and a
/// warning; the other metrics are served all the same.
/// </summary>
internal sealed partial class QueueDepth(BotMetrics metrics, JobStorage storage, IOptions<ObservabilityOptions> options, ILogger<QueueDepth> logger)
{
    public void ReadOnScrape() => metrics.Registry.AddBeforeCollectCallback(ReadAsync);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (enqueued, scheduled) = await Task.Run(() =>
            {
                var monitoring = storage.GetMonitoringApi();
                return (monitoring.EnqueuedCount("default"), monitoring.ScheduledCount());
            }, cancellationToken).WaitAsync(options.Value.ReadinessTimeout, cancellationToken).ConfigureAwait(false);
            metrics.QueueDepth(enqueued, scheduled);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnread(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job queue's depth could not be read for the metrics")]
    private static partial void LogUnread(ILogger logger, Exception exception);
}
