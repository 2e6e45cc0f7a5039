namespace ChatOpsRelease.Bot.Chat.Console;

/// <summary>
/// The terminal the chat reads from and writes to: the process's standard streams, or (in tests) any reader
/// and writer. <see cref="Interactive"/> is true when a person types, false when input is piped.
/// </summary>
public sealed class ConsoleIo(TextReader input, TextWriter output, bool interactive)
{
    private readonly Lock _write = new();

    public TextReader Input { get; } = input;

    public bool Interactive { get; } = interactive;

    public static ConsoleIo FromProcess() =>
        new(System.Console.In, System.Console.Out, !System.Console.IsInputRedirected && !System.Console.IsOutputRedirected);

    /// <summary>Writes whole lines at once, so replies from jobs and commands never interleave mid-line.</summary>
    public void WriteLines(string text, string? prompt = null)
    {
        lock (_write)
        {
            if (Interactive && prompt is not null)
            {
                output.Write('\r');
            }

            output.WriteLine(text);
            if (Interactive && prompt is not null)
            {
                output.Write(prompt);
            }

            output.Flush();
        }
    }

    public void Write(string text)
    {
        lock (_write)
        {
            output.Write(text);
            output.Flush();
        }
    }
}
