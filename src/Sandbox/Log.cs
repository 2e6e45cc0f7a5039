using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox;

/// <summary>Source-generated log messages of the sandbox.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sandbox cluster listening on {Address}")]
    public static partial void Started(ILogger logger, Uri address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Sandbox cluster stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Method} {Path} -> {StatusCode}")]
    public static partial void Handled(ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Watch on {Resource} in {Namespace} started (resourceVersion '{ResourceVersion}')")]
    public static partial void WatchStarted(ILogger logger, string resource, string @namespace, string resourceVersion);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Watch on {Resource} in {Namespace} ended")]
    public static partial void WatchEnded(ILogger logger, string resource, string @namespace);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Simulator pass failed")]
    public static partial void SimulatorFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "A Changed handler threw")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Simulator: {Action} pod {Namespace}/{Pod}")]
    public static partial void PodAction(ILogger logger, string action, string @namespace, string pod);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Simulating {RequestsPerSecond} requests per second per app, every {Tick}")]
    public static partial void TrafficStarted(ILogger logger, double requestsPerSecond, TimeSpan tick);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Traffic simulation tick failed")]
    public static partial void TrafficFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Traffic to {Namespace}/{App}: {Router} split, canary share {CanaryShare}, user rule {UserRule}")]
    public static partial void TrafficSplit(ILogger logger, string @namespace, string app, string router, double canaryShare, bool userRule);
}
