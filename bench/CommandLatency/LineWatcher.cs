using System.Text;
using System.Threading.Channels;

namespace ChatOpsRelease.Bench;

/// <summary>The terminal's output, line by line, so the harness can wait for a job's outcome.</summary>
internal sealed class LineWatcher : TextWriter
{
    private readonly StringBuilder _partial = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_partial)
        {
            if (value == '\n')
            {
                _lines.Writer.TryWrite(_partial.ToString());
                _partial.Clear();
            }
            else
            {
                _partial.Append(value);
            }
        }
    }

    /// <summary>Waits for the next line that starts with one of <paramref name="marks"/>, for at most <paramref name="limit"/>.</summary>
    public async Task<string> NextAsync(string[] marks, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(timeout.Token);
            if (marks.Any(m => line.StartsWith(m, StringComparison.Ordinal)))
            {
                return line;
            }
        }
    }
}
