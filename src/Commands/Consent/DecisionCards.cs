using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Consent;

/// <summary>Posts and redraws decision cards through the adapter of the conversation's platform; failures are logged, never thrown.</summary>
public sealed partial class DecisionCards(IEnumerable<IChatReplies> platforms, ILogger<DecisionCards> logger)
{
    private readonly Dictionary<string, IChatReplies> _platforms = platforms.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    /// <summary>Posts the card; returns the message's id when the platform can redraw it.</summary>
    public async Task<string?> PostAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        if (!_platforms.TryGetValue(conversation.Platform, out var platform))
        {
            return null;
        }

        try
        {
            return await platform.PostCardAsync(conversation, card, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPostFailed(logger, card.Key, conversation.ToString(), ex);
            return null;
        }
    }

    public async Task UpdateAsync(ConversationRef conversation, string? messageId, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        if (messageId is null || !_platforms.TryGetValue(conversation.Platform, out var platform))
        {
            return;
        }

        try
        {
            await platform.UpdateCardAsync(conversation, messageId, card, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUpdateFailed(logger, card.Key, conversation.ToString(), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not post the card {Key} to {Conversation}")]
    private static partial void LogPostFailed(ILogger logger, string key, string conversation, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not redraw the card {Key} in {Conversation}")]
    private static partial void LogUpdateFailed(ILogger logger, string key, string conversation, Exception exception);
}
