using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>
/// Spaces <c>chat.postMessage</c> calls to one channel at least <see cref="SlackOptions.PostInterval"/> apart
/// (Slack allows about one message a second per channel), taking turns per channel as
/// <see cref="ConversationPacer"/> describes. One instance is shared by every client.
/// </summary>
internal sealed partial class SlackPostPacer(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackPostPacer> logger)
{
    private readonly ConversationPacer _pacer = new(time);

    /// <summary>Waits for the turn to post to <paramref name="channel"/>; dispose the turn once the post is done.</summary>
    public Task<IDisposable> WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.PostInterval;
        return _pacer.WaitTurnAsync(channel, interval, wait => LogHolding(logger, channel, wait, interval), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding a message to {Channel} for {Wait} (one message per {Interval} per channel)")]
    private static partial void LogHolding(ILogger logger, string channel, TimeSpan wait, TimeSpan interval);
}
