using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsRelease.Bot.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a process-wide static, and some of its classes keep their loggers in
/// statics too. This provider looks up the newest host's logger factory on every call, so a host that stopped
/// (and disposed its factory) never breaks the logging of one that runs after it in the same process.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    private static readonly HangfireLogBridge Instance = new();
    private static volatile ILoggerFactory? s_current;

    private HangfireLogBridge()
    {
    }

    /// <summary>Makes <paramref name="factory"/> the destination of Hangfire's logs and returns the provider to install.</summary>
    public static ILogProvider Attach(ILoggerFactory factory)
    {
        s_current = factory;
        return Instance;
    }

    public ILog GetLogger(string name) => new BridgedLog(name);

    private sealed class BridgedLog(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var factory = s_current;
            if (factory is null)
            {
                return false;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished text: there is no template to generate for.
                    logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLevel.Trace,
            HangfireLevel.Debug => MsLevel.Debug,
            HangfireLevel.Info => MsLevel.Information,
            HangfireLevel.Warn => MsLevel.Warning,
            HangfireLevel.Error => MsLevel.Error,
            _ => MsLevel.Critical,
        };
    }
}
