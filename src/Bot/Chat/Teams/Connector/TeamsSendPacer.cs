using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// Spaces messages sent to one Teams conversation (sends and replies) at least <see cref="TeamsOptions.SendInterval"/>
/// apart, taking turns per conversation as <see cref="ConversationPacer"/> describes; other conversations are not held
/// back. One instance is shared by every connector client.
/// </summary>
internal sealed partial class TeamsSendPacer(IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsSendPacer> logger)
{
    private readonly ConversationPacer _pacer = new(time);

    /// <summary>Waits for the turn to send to <paramref name="conversationId"/>; dispose the turn once the message is done.</summary>
    public Task<IDisposable> WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        var interval = options.Value.SendInterval;
        return _pacer.WaitTurnAsync(conversationId, interval, wait => LogHolding(logger, conversationId, wait, interval), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding a message to Teams conversation {Conversation} for {Wait} (one message per {Interval} per conversation)")]
    private static partial void LogHolding(ILogger logger, string conversation, TimeSpan wait, TimeSpan interval);
}
