using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>Posts into conversations of one chat platform; one implementation per platform.</summary>
public interface IChatReplies
{
    /// <summary>The platform this poster serves, matching <see cref="ConversationRef.Platform"/>.</summary>
    string Platform { get; }

    Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken);

    /// <summary>
    /// Draws the release's status card: posts it (and records where, in <see cref="Release.CardId"/> and the
    /// release's thread) the first time, then updates it in place. Platforms without cards do nothing.
    /// </summary>
    Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken);

    /// <summary>
    /// Posts a decision card (an approval request, a promotion's notice) into the conversation (its thread, where it
    /// has one). Returns the platform's id of the message, so the card can be redrawn once decided; null where a
    /// posted message cannot be changed (the terminal).
    /// </summary>
    Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken);

    /// <summary>Redraws a decision card posted by <see cref="PostCardAsync"/> (e.g. "approved by … at …", no buttons).</summary>
    Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken);
}
