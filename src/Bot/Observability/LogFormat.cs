using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>
/// The console log's format, <c>Logging:Format</c>: <c>simple</c> (one line of text), <c>json</c> (one JSON object a
/// line), or <c>auto</c> (the default: JSON when standard error is not a terminal, e.g. in a container). Logs always go
/// to standard error; standard output belongs to the terminal chat.
/// </summary>
internal static class LogFormat
{
    public const string Key = "Logging:Format";

    public static ILoggingBuilder AddBotConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        if (IsJson(configuration[Key], Console.IsErrorRedirected))
        {
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return logging;
    }

    /// <summary>Whether <paramref name="format"/> means JSON; an unknown format stops the start with a sentence naming the setting.</summary>
    public static bool IsJson(string? format, bool errorRedirected) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => errorRedirected,
        "json" => true,
        "simple" => false,
        _ => throw new OptionsValidationException(Key, typeof(ConsoleLoggerOptions),
            [$"{Key} is '{format}'; use auto (JSON when standard error is not a terminal), json or simple."]),
    };
}
