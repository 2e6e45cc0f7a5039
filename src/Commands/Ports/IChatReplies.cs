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
}
