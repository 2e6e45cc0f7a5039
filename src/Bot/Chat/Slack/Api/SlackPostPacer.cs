using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>
/// Spaces <c>chat.postMessage</c> calls to one channel at least <see cref="SlackOptions.PostInterval"/> apart
/// (Slack allows about one message a second per channel). Each caller reserves the next free slot of its channel
/// under a lock and then waits for it, so concurrent posts to one channel queue up one interval apart while posts
/// to other channels go at once. A caller cancelled while waiting leaves its slot unused.
/// </summary>
internal sealed partial class SlackPostPacer(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackPostPacer> logger)
{
    /// <summary>Above this many remembered channels, channels whose slot has passed are forgotten.</summary>
    private const int PruneAbove = 256;

    private readonly Lock _gate = new();

    private readonly Dictionary<string, DateTimeOffset> _nextFree = new(StringComparer.Ordinal);

    /// <summary>Waits until a message may be posted to <paramref name="channel"/>, and takes that turn.</summary>
    public async Task WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.PostInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var wait = Reserve(channel, interval);
        if (wait > TimeSpan.Zero)
        {
            LogHolding(logger, channel, wait, interval);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Reserve(string channel, TimeSpan interval)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_nextFree.Count > PruneAbove)
            {
                foreach (var passed in _nextFree.Where(entry => entry.Value <= now).Select(entry => entry.Key).ToList())
                {
                    _nextFree.Remove(passed);
                }
            }

            var slot = _nextFree.TryGetValue(channel, out var next) && next > now ? next : now;
            _nextFree[channel] = slot + interval;
            return slot - now;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding a message to {Channel} for {Wait} (one message per {Interval} per channel)")]
    private static partial void LogHolding(ILogger logger, string channel, TimeSpan wait, TimeSpan interval);
}
