namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The calls <see cref="FakeSlack"/> received, and bounded waits for more.</summary>
internal sealed partial class FakeSlack
{
    /// <summary>How long a wait lasts when the test gives no timeout.</summary>
    public static readonly TimeSpan DefaultWait = RecordedCalls<FakeSlackCall>.DefaultWait;

    private readonly RecordedCalls<FakeSlackCall> _calls = new(nameof(FakeSlack), call => call.Describe());

    /// <summary>Every call so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<FakeSlackCall> Calls => _calls.All;

    /// <summary>The calls of one method so far, in arrival order.</summary>
    public IReadOnlyList<FakeSlackCall> CallsTo(string method) => [.. Calls.Where(call => call.Method == method)];

    /// <summary>The first call of <paramref name="method"/> (matching <paramref name="match"/>), made already or awaited.</summary>
    public async Task<FakeSlackCall> WaitForCallAsync(string method, Func<FakeSlackCall, bool>? match = null, TimeSpan? timeout = null) =>
        (await WaitForCallsAsync(method, 1, match, timeout))[0];

    /// <summary>
    /// The first <paramref name="count"/> calls of <paramref name="method"/> (matching <paramref name="match"/>), once
    /// there are that many; a <see cref="TimeoutException"/> listing the calls seen if they do not come in time.
    /// </summary>
    public Task<IReadOnlyList<FakeSlackCall>> WaitForCallsAsync(
        string method, int count, Func<FakeSlackCall, bool>? match = null, TimeSpan? timeout = null) =>
        _calls.WaitAsync(
            call => call.Method == method && (match is null || match(call)),
            count,
            $"{count} {method} call(s){(match is null ? "" : " matching the condition")}",
            timeout);

    private void Record(FakeSlackCall call) => _calls.Add(call);
}
