namespace ChatOpsRelease.Commands.Ports;

/// <summary>Posts a message into a conversation; one implementation per chat platform.</summary>
public interface IChatReplies
{
    /// <summary>The platform this poster serves, matching <see cref="ConversationRef.Platform"/>.</summary>
    string Platform { get; }

    Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken);
}
