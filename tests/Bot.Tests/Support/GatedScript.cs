namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A terminal script whose lines may wait for a condition before they are read, e.g. until the sandbox has simulated
/// enough traffic for a comparison. Each wait is bounded; past it the line is read anyway and the test's assertions say
/// what was missing.
/// </summary>
internal sealed class GatedScript(params (string Line, Func<bool>? ReadyWhen)[] lines) : TextReader
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private int _next;

    public override string? ReadLine()
    {
        if (_next >= lines.Length)
        {
            return null;
        }

        var (line, readyWhen) = lines[_next++];
        var deadline = DateTime.UtcNow + Limit;
        while (readyWhen is not null && !readyWhen() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return line;
    }
}
