namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The calls <see cref="FakeTeamsConnector"/> received, and bounded waits for more.</summary>
internal sealed partial class FakeTeamsConnector
{
    /// <summary>How long a wait lasts when the test gives no timeout.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly List<FakeTeamsCall> _calls = [];

    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Every call so far, in arrival order (a snapshot), token requests included.</summary>
    public IReadOnlyList<FakeTeamsCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The calls of one operation so far, in arrival order.</summary>
    public IReadOnlyList<FakeTeamsCall> CallsTo(FakeTeamsOperation operation) => [.. Calls.Where(call => call.Operation == operation)];

    /// <summary>The sends, replies, updates, deletes and create-conversations so far (no token requests), in arrival order.</summary>
    public IReadOnlyList<FakeTeamsCall> ActivityCalls => [.. Calls.Where(call => IsActivityCall(call.Operation))];

    /// <summary>The first call of <paramref name="operation"/> (matching <paramref name="match"/>), made already or awaited.</summary>
    public async Task<FakeTeamsCall> WaitForCallAsync(FakeTeamsOperation operation, Func<FakeTeamsCall, bool>? match = null, TimeSpan? timeout = null) =>
        (await WaitForCallsAsync(operation, 1, match, timeout))[0];

    /// <summary>
    /// The first <paramref name="count"/> calls of <paramref name="operation"/> (matching <paramref name="match"/>),
    /// once there are that many; a <see cref="TimeoutException"/> listing the calls seen if they do not come in time.
    /// </summary>
    public async Task<IReadOnlyList<FakeTeamsCall>> WaitForCallsAsync(
        FakeTeamsOperation operation, int count, Func<FakeTeamsCall, bool>? match = null, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var limit = timeout ?? DefaultWait;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            IReadOnlyList<FakeTeamsCall> seen;
            lock (_gate)
            {
                seen = [.. _calls];
                changed = _changed.Task;
            }

            var found = seen.Where(call => call.Operation == operation && (match is null || match(call))).Take(count).ToList();
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
                throw new TimeoutException(Missing(operation, count, match is not null, limit, found.Count, seen));
            }
        }
    }

    private static bool IsActivityCall(FakeTeamsOperation operation) =>
        operation is FakeTeamsOperation.Send or FakeTeamsOperation.Reply or FakeTeamsOperation.Update or FakeTeamsOperation.Delete or FakeTeamsOperation.CreateConversation;

    private void Record(FakeTeamsCall call)
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

    private static string Missing(FakeTeamsOperation operation, int count, bool filtered, TimeSpan limit, int found, IReadOnlyList<FakeTeamsCall> seen)
    {
        var wanted = $"{count} {operation} call(s){(filtered ? " matching the condition" : "")}";
        var list = seen.Count == 0
            ? "  (none)"
            : string.Join(Environment.NewLine, seen.Select((call, index) => $"  {index + 1}. {call.Describe()}"));
        return $"FakeTeamsConnector expected {wanted} within {limit}, but saw {found}. Calls received:{Environment.NewLine}{list}";
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
