using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>One log entry as written.</summary>
internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

/// <summary>A logger that keeps every entry, for assertions on what was logged; waits are bounded.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly ChangeSignal _changes = new();

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
        }

        _changes.Notify();
    }

    /// <summary>The first entry at <paramref name="level"/> whose message contains <paramref name="text"/>.</summary>
    public Task<LogEntry> WaitForAsync(LogLevel level, string text, TimeSpan? timeout = null) =>
        _changes.WaitForAsync(
            () => Entries.FirstOrDefault(e => e.Level == level && e.Message.Contains(text, StringComparison.Ordinal)),
            timeout ?? TimeSpan.FromSeconds(10),
            $"a {level} log entry containing '{text}'");
}
