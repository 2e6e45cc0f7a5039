using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>
/// Spaces <c>chat.postMessage</c> calls to one channel at least <see cref="SlackOptions.PostInterval"/> apart
/// (Slack allows about one message a second per channel). Posts to one channel take turns: a turn starts once the
/// previous post to that channel has finished and the interval since then has passed, so one post per channel is in
/// flight at a time and network delays cannot bunch posts up. Posts to other channels do not wait. A failed post
/// uses its turn; a caller cancelled while waiting gives its turn up. One instance is shared by every client.
/// </summary>
internal sealed partial class SlackPostPacer(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackPostPacer> logger)
{
    /// <summary>Above this many remembered channels, idle channels whose interval has passed are forgotten.</summary>
    private const int PruneAbove = 256;

    private readonly Lock _gate = new();

    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Waits for the turn to post to <paramref name="channel"/>; dispose the turn once the post is done.</summary>
    public async Task<IDisposable> WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.PostInterval;
        if (interval <= TimeSpan.Zero)
        {
            return NoTurn.Instance;
        }

        var lane = Join(channel);
        try
        {
            await lane.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(lane);
            throw;
        }

        try
        {
            var wait = lane.NextFree - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                LogHolding(logger, channel, wait, interval);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            lane.Turn.Release();
            Leave(lane);
            throw;
        }

        return new Turn(this, lane, interval);
    }

    private Lane Join(string channel)
    {
        lock (_gate)
        {
            if (_lanes.Count > PruneAbove)
            {
                var now = time.GetUtcNow();
                foreach (var idle in _lanes.Where(entry => entry.Value.Users == 0 && entry.Value.NextFree <= now).Select(entry => entry.Key).ToList())
                {
                    _lanes.Remove(idle);
                }
            }

            if (!_lanes.TryGetValue(channel, out var lane))
            {
                _lanes[channel] = lane = new Lane();
            }

            lane.Users++;
            return lane;
        }
    }

    /// <summary>Ends a turn: the channel's next post may go one interval from now.</summary>
    private void Finish(Lane lane, TimeSpan interval)
    {
        lane.NextFree = time.GetUtcNow() + interval;
        lane.Turn.Release();
        Leave(lane);
    }

    private void Leave(Lane lane)
    {
        lock (_gate)
        {
            lane.Users--;
        }
    }

    /// <summary>One channel: whose turn it is, and when the next post may go. <see cref="NextFree"/> is only touched by the turn's holder.</summary>
    private sealed class Lane
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset NextFree { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Holders and waiters; guarded by the pacer's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Turn(SlackPostPacer pacer, Lane lane, TimeSpan interval) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                pacer.Finish(lane, interval);
            }
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding a message to {Channel} for {Wait} (one message per {Interval} per channel)")]
    private static partial void LogHolding(ILogger logger, string channel, TimeSpan wait, TimeSpan interval);
}
