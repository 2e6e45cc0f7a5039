using System.Collections.Concurrent;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A terminal script written while it runs: each time the terminal asks for a line — with piped input, once the jobs
/// of the previous command are done — the test hears of it (<see cref="AskedAsync"/>), looks at the bot and the cluster,
/// and answers with the next line (<see cref="Say"/>), or null to end the input.
/// </summary>
internal sealed class DrivenScript : TextReader
{
    private readonly SemaphoreSlim _asked = new(0);
    private readonly BlockingCollection<string?> _lines = [];

    /// <summary>Blocks the terminal's reading thread, as a person who has not typed yet does, until the test says the line.</summary>
    public override string? ReadLine()
    {
        _asked.Release();
        return _lines.Take();
    }

    /// <summary>Waits until the terminal asks for its next line; false when it did not within <paramref name="limit"/>.</summary>
    public Task<bool> AskedAsync(TimeSpan limit) => _asked.WaitAsync(limit);

    public void Say(string? line) => _lines.Add(line);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lines.Add(null); // a reader still waiting ends its input
            _asked.Dispose();
        }

        base.Dispose(disposing);
    }
}
