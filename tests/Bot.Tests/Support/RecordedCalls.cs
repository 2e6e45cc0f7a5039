namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The requests a loopback fake received, in arrival order, and bounded waits for more (on a <see cref="ChangeSignal"/>).
/// A wait that runs out lists every call seen, so a failing test says what did arrive.
/// </summary>
internal sealed class RecordedCalls<TCall>(string owner, Func<TCall, string> describe)
    where TCall : class
{
    /// <summary>How long a wait lasts when the test gives no timeout.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<TCall> _calls = [];
    private readonly ChangeSignal _changes = new();

    /// <summary>Every call so far (a snapshot).</summary>
    public IReadOnlyList<TCall> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Add(TCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }

        _changes.Notify();
    }

    /// <summary>
    /// The first <paramref name="count"/> calls matching <paramref name="match"/>, once there are that many; a
    /// <see cref="TimeoutException"/> naming <paramref name="wanted"/> and listing the calls seen if they do not come in time.
    /// </summary>
    public async Task<IReadOnlyList<TCall>> WaitAsync(Func<TCall, bool> match, int count, string wanted, TimeSpan? timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var limit = timeout ?? DefaultWait;
        try
        {
            return await _changes.WaitForAsync(() => All.Where(match).Take(count).ToList() is { } found && found.Count == count ? found : null, limit, wanted);
        }
        catch (TimeoutException)
        {
            var seen = All;
            var list = seen.Count == 0
                ? "  (none)"
                : string.Join(Environment.NewLine, seen.Select((call, index) => $"  {index + 1}. {describe(call)}"));
            throw new TimeoutException(
                $"{owner} expected {wanted} within {limit}, but saw {Math.Min(count, seen.Count(match))}. Calls received:{Environment.NewLine}{list}");
        }
    }
}
