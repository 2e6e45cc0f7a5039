namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>
/// The wait before the next connection attempt: the configured delay after one failure, doubling with each
/// further failure in a row up to a maximum, and back to the start once a connection worked.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan first, TimeSpan max)
{
    /// <summary>The shortest wait once failures repeat, so that a zero delay never turns into a busy loop.</summary>
    private static readonly TimeSpan RepeatFloor = TimeSpan.FromMilliseconds(100);

    private int _failures;

    /// <summary>Failures in a row since the last connection that worked.</summary>
    public int Failures => _failures;

    /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        _failures++;
        if (_failures == 1)
        {
            return first;
        }

        var doubled = first.Ticks * Math.Pow(2, Math.Min(_failures - 1, 16));
        var ceiling = Math.Max(max.Ticks, first.Ticks);
        return TimeSpan.FromTicks(Math.Max((long)Math.Min(doubled, ceiling), RepeatFloor.Ticks));
    }

    /// <summary>A connection worked: the next failure waits the first delay again.</summary>
    public void Reset() => _failures = 0;
}
