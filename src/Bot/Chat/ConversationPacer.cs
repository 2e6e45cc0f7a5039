namespace ChatOpsRelease.Bot.Chat;

/// <summary>
/// Spaces messages to one conversation (a Slack channel, a Teams conversation) at least an interval apart. Messages
/// to one conversation take turns: a turn starts once the previous message to that conversation has finished and the
/// interval since then has passed, so one message per conversation is in flight at a time and network delays cannot
/// bunch messages up. Messages to other conversations do not wait. A failed message uses its turn; a caller cancelled
/// while waiting gives its turn up. Each platform's pacer owns one instance, shared by every client of that platform.
/// </summary>
internal sealed class ConversationPacer(TimeProvider time)
{
    /// <summary>Above this many remembered conversations, idle ones whose interval has passed are forgotten.</summary>
    private const int PruneAbove = 256;

    private readonly Lock _gate = new();

    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for the turn to send to <paramref name="conversation"/>; dispose the turn once the message is done.
    /// <paramref name="holding"/> is told how long the turn is held back, when it is.
    /// </summary>
    public async Task<IDisposable> WaitTurnAsync(string conversation, TimeSpan interval, Action<TimeSpan>? holding, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return NoTurn.Instance;
        }

        var lane = Join(conversation);
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
                holding?.Invoke(wait);
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

    private Lane Join(string conversation)
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

            if (!_lanes.TryGetValue(conversation, out var lane))
            {
                _lanes[conversation] = lane = new Lane();
            }

            lane.Users++;
            return lane;
        }
    }

    /// <summary>Ends a turn: the conversation's next message may go one interval from now.</summary>
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

    /// <summary>One conversation: whose turn it is, and when the next message may go. <see cref="NextFree"/> is only touched by the turn's holder.</summary>
    private sealed class Lane
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset NextFree { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Holders and waiters; guarded by the pacer's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Turn(ConversationPacer pacer, Lane lane, TimeSpan interval) : IDisposable
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
}
