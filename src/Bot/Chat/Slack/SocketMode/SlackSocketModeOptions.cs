using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>
/// Timings and limits of Slack Socket Mode connections. Section <c>Chat:Slack:SocketMode</c>; the defaults suit
/// Slack. The delay before reconnecting is <see cref="SlackOptions.ReconnectDelay"/>.
/// </summary>
public sealed class SlackSocketModeOptions
{
    public const string Section = "Chat:Slack:SocketMode";

    /// <summary>How long opening the WebSocket (TCP, TLS and the upgrade) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the bot pings Slack to notice a connection that died silently.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the answer to a ping before giving the connection up.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>When Slack asks for a refresh: how long the new connection may take to say hello before the switch is given up.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing connection may take to finish its envelopes and complete the close handshake.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts when connecting keeps failing (the delay doubles from <see cref="SlackOptions.ReconnectDelay"/>).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest frame accepted; a larger one ends the connection.</summary>
    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;
}

internal sealed class SlackSocketModeOptionsValidator : IValidateOptions<SlackSocketModeOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackSocketModeOptions options)
    {
        var positive = new[] { options.ConnectTimeout, options.KeepAliveInterval, options.KeepAliveTimeout, options.HelloTimeout, options.CloseTimeout };
        if (positive.Any(t => t <= TimeSpan.Zero) || options.MaxReconnectDelay < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail(
                "Chat:Slack:SocketMode: ConnectTimeout, KeepAliveInterval, KeepAliveTimeout, HelloTimeout and CloseTimeout must be positive, MaxReconnectDelay not negative.");
        }

        return options.MaxFrameBytes < 64 * 1024
            ? ValidateOptionsResult.Fail("Chat:Slack:SocketMode:MaxFrameBytes must be at least 65536.")
            : ValidateOptionsResult.Success;
    }
}
