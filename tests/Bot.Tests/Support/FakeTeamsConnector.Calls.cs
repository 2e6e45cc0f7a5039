namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The calls <see cref="FakeTeamsConnector"/> received, and bounded waits for more.</summary>
internal sealed partial class FakeTeamsConnector
{
    /// <summary>How long a wait lasts when the test gives no timeout.</summary>
    public static readonly TimeSpan DefaultWait = RecordedCalls<FakeTeamsCall>.DefaultWait;

    private readonly RecordedCalls<FakeTeamsCall> _calls = new(nameof(FakeTeamsConnector), call => call.Describe());

    /// <summary>Every call so far, in arrival order (a snapshot), token requests included.</summary>
    public IReadOnlyList<FakeTeamsCall> Calls => _calls.All;

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
    public Task<IReadOnlyList<FakeTeamsCall>> WaitForCallsAsync(
        FakeTeamsOperation operation, int count, Func<FakeTeamsCall, bool>? match = null, TimeSpan? timeout = null) =>
        _calls.WaitAsync(
            call => call.Operation == operation && (match is null || match(call)),
            count,
            $"{count} {operation} call(s){(match is null ? "" : " matching the condition")}",
            timeout);

    private static bool IsActivityCall(FakeTeamsOperation operation) =>
        operation is FakeTeamsOperation.Send or FakeTeamsOperation.Reply or FakeTeamsOperation.Update or FakeTeamsOperation.Delete or FakeTeamsOperation.CreateConversation;

    private void Record(FakeTeamsCall call) => _calls.Add(call);
}
