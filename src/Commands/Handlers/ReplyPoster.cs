using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>Posts to a conversation through the adapter of its platform; a failed post is logged, never thrown.</summary>
public sealed partial class ReplyPoster(IEnumerable<IChatReplies> platforms, ILogger<ReplyPoster> logger)
{
    private readonly Dictionary<string, IChatReplies> _platforms = platforms.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    public async Task<bool> PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (!_platforms.TryGetValue(conversation.Platform, out var platform))
        {
            LogNoPlatform(logger, conversation.Platform, conversation.ToString());
            return false;
        }

        try
        {
            await platform.PostAsync(conversation, reply, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPostFailed(logger, conversation.ToString(), ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No chat adapter for platform {Platform}; a reply to {Conversation} was not posted")]
    private static partial void LogNoPlatform(ILogger logger, string platform, string conversation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Posting a reply to {Conversation} failed")]
    private static partial void LogPostFailed(ILogger logger, string conversation, Exception exception);
}
