using ChatOpsRelease.Bot.Observability;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>
/// Posts the outbox's replies: the oldest waiting reply of each conversation, conversations side by side, each
/// conversation in order. A failed post is tried again after a growing wait (1 s, 2 s, 4 s … up to
/// <see cref="OutboxOptions.LongestWait"/>) and given up after <see cref="OutboxOptions.MaxAttempts"/>; a reply
/// recorded as posted is never posted again. The platform being down delays only its replies, never cluster work.
/// </summary>
internal sealed partial class ChatOutboxWorker(
    IChatOutbox outbox,
    IEnumerable<IChatReplies> platforms,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<ChatOutboxWorker> logger,
    BotMetrics? metrics = null) : BackgroundService
{
    /// <summary>The most conversations served in one round.</summary>
    private const int Batch = 32;

    /// <summary>The platforms' own posters, behind the outbox.</summary>
    private readonly Dictionary<string, IChatReplies> _senders = platforms.OfType<OutboxReplies>().ToDictionary(p => p.Platform, p => p.Inner, StringComparer.Ordinal);

    /// <summary>Posts every reply due now; returns how many were attempted.</summary>
    public async Task<int> PostDueAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(time.GetUtcNow().UtcDateTime, Batch, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(due.Select(item => PostAsync(item, cancellationToken))).ConfigureAwait(false);
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PostDueAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                    continue;
                }

                await signal.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PostAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(item.Platform, out var platform))
        {
            LogNoPlatform(logger, item.Platform, item.Id);
            await outbox.RecordAsync(item.Id, false, null, $"no adapter for platform {item.Platform}", cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await platform.PostAsync(item.Conversation(), item.Reply(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var settings = options.Value;
            var attempt = item.Attempts + 1;
            if (attempt >= settings.MaxAttempts)
            {
                LogGivenUp(logger, item.Id, item.Conversation().ToString(), attempt, ex);
                metrics?.ReplyGivenUp(item.Platform);
                await outbox.RecordAsync(item.Id, false, null, ex.Message, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var wait = TimeSpan.FromTicks(Math.Min(settings.LongestWait.Ticks, settings.FirstRetry.Ticks * (1L << Math.Min(attempt - 1, 20))));
            LogRetry(logger, item.Id, item.Conversation().ToString(), attempt, wait, ex.Message);
            await outbox.RecordAsync(item.Id, false, time.GetUtcNow().UtcDateTime + wait, ex.Message, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await outbox.RecordAsync(item.Id, true, null, null, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {Id} to {Conversation} could not be posted (attempt {Attempt}); trying again in {Wait}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string id, string conversation, int attempt, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reply {Id} to {Conversation} was given up after {Attempts} attempts")]
    private static partial void LogGivenUp(ILogger logger, string id, string conversation, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "No chat adapter for platform {Platform}; reply {Id} is dropped")]
    private static partial void LogNoPlatform(ILogger logger, string platform, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of the chat outbox failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
