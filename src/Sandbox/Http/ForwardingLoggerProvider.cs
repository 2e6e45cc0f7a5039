using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>
/// Hands the embedded web host's loggers over to the owner's logger factory, so that a factory of its own can
/// filter the framework's per-request chatter (kept at Warning and above) before it reaches the owner's logs.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target factory belongs to the owner.
    }

    public static ILoggerFactory CreateHostFactory(ILoggerFactory target) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning)
            .AddProvider(new ForwardingLoggerProvider(target)));
}
