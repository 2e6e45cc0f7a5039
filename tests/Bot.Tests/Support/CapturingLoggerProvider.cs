using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>One captured log line: category, level, the formatted message, and the exception's full text if any.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception)
{
    /// <summary>Everything written for this entry, for "never contains" checks.</summary>
    public string AllText => Exception is null ? Message : Message + Environment.NewLine + Exception;
}

/// <summary>Keeps every log line and logging scope of every category at every level, for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue(new CapturedLog(category, LogLevel.None, $"[scope] {state}", null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception?.ToString()));
    }
}
