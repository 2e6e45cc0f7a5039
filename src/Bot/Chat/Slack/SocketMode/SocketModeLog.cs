namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>The Socket Mode log messages. Frames are never logged whole: payloads can carry tokens and users' text.</summary>
internal static partial class SocketModeLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Opening Socket Mode connection {Connection} to {Host}")]
    public static partial void Connecting(ILogger logger, int connection, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Connection} is ready (app {AppId}, {NumConnections} connection(s) open)")]
    public static partial void Hello(ILogger logger, int connection, string appId, string numConnections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open Socket Mode connection {Connection} ({Failures} failure(s) in a row); retrying in {Delay}")]
    public static partial void OpenFailed(ILogger logger, Exception exception, int connection, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} ended ({Detail}); reconnecting in {Delay}")]
    public static partial void ConnectionEnded(ILogger logger, Exception? exception, int connection, string detail, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode connection {Connection} to disconnect ({Reason})")]
    public static partial void DisconnectFrame(ILogger logger, int connection, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode switched from connection {Old} to connection {New}")]
    public static partial void Switched(ILogger logger, int old, int @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a new Socket Mode connection to replace connection {Connection} ({Detail}); keeping it while it lasts")]
    public static partial void ReplacementFailed(ILogger logger, Exception? exception, int connection, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode was turned off in the Slack app settings; not reconnecting (connection {Connection} got disconnect reason link_disabled)")]
    public static partial void LinkDisabled(ILogger logger, int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring a Socket Mode frame of type {Type} on connection {Connection}")]
    public static partial void UnknownFrame(ILogger logger, string type, int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a Socket Mode frame of {Length} characters on connection {Connection}: not a JSON object with a type")]
    public static partial void NotJson(ILogger logger, int connection, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Type} envelope {EnvelopeId} on connection {Connection} has no payload; acknowledged it")]
    public static partial void EnvelopeWithoutPayload(ILogger logger, string type, string envelopeId, int connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the {Type} envelope {EnvelopeId} on connection {Connection} failed; acknowledged it anyway")]
    public static partial void EnvelopeFailed(ILogger logger, Exception exception, string type, string envelopeId, int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Type} envelope {EnvelopeId} arrived while connection {Connection} was closing; left for Slack to deliver again")]
    public static partial void EnvelopeWhileClosing(ILogger logger, string type, string envelopeId, int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Envelope {EnvelopeId} on connection {Connection} was not acknowledged ({Detail}); Slack will deliver it again")]
    public static partial void EnvelopeNotAcknowledged(ILogger logger, string envelopeId, int connection, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Connection} did not close cleanly ({Detail}); aborted it")]
    public static partial void CloseIncomplete(ILogger logger, int connection, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode stopped")]
    public static partial void Stopped(ILogger logger);
}
