namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The calls <see cref="FakeSlack"/> received, and bounded waits for more.</summary>
internal sealed partial class FakeSlack
{
    /// <summary>How long a wait lasts when the test gives no timeout.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly List<FakeSlackCall> _calls = [];

    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Every call so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<FakeSlackCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The calls of one method so far, in arrival order.</summary>
    public IReadOnlyList<FakeSlackCall> CallsTo(string method) => [.. Calls.Where(call => call.Method == method)];

    /// <summary>The first call of <paramref name="method"/> (matching <paramref name="match"/>), made already or awaited.</summary>
    public async Task<FakeSlackCall> WaitForCallAsync(string method, Func<FakeSlackCall, bool>? match = null, TimeSpan? timeout = null) =>
        (await WaitForCallsAsync(method, 1, match, timeout))[0];

    /// <summary>
    /// The first <paramref name="count"/> calls of <paramref name="method"/> (matching <paramref name="match"/>), once
    /// there are that many; a <see cref="TimeoutException"/> listing the calls seen if they do not come in time.
    /// </summary>
    public async Task<IReadOnlyList<FakeSlackCall>> WaitForCallsAsync(
        string method, int count, Func<FakeSlackCall, bool>? match = null, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var limit = timeout ?? DefaultWait;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            IReadOnlyList<FakeSlackCall> seen;
            lock (_gate)
            {
                seen = [.. _calls];
                changed = _changed.Task;
            }

            var found = seen.Where(call => call.Method == method && (match is null || match(call))).Take(count).ToList();
            if (found.Count == count)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(Missing(method, count, match is not null, limit, found.Count, seen));
            }
        }
    }

    private void Record(FakeSlackCall call)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _calls.Add(call);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static string Missing(string method, int count, bool filtered, TimeSpan limit, int found, IReadOnlyList<FakeSlackCall> seen)
    {
        var wanted = $"{count} {method} call(s){(filtered ? " matching the condition" : "")}";
        var list = seen.Count == 0
            ? "  (none)"
            : string.Join(Environment.NewLine, seen.Select((call, index) => $"  {index + 1}. {call.Describe()}"));
        return $"FakeSlack expected {wanted} within {limit}, but saw {found}. Calls received:{Environment.NewLine}{list}";
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
