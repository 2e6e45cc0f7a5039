using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>
/// A chat platform whose replies go through the outbox: <see cref="PostAsync"/> records the reply and returns, and the
/// worker posts it with <see cref="Inner"/>. Cards are drawn directly, since their callers need the message's id.
/// </summary>
internal sealed class OutboxReplies(IChatReplies inner, IChatOutbox outbox, OutboxSignal signal, TimeProvider time) : IChatReplies
{
    public IChatReplies Inner => inner;

    public string Platform => inner.Platform;

    public async Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(reply);
        await outbox.AddAsync(OutboxItem.For(conversation, reply, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        signal.Ring();
    }

    public Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken) =>
        inner.ShowReleaseAsync(release, card, cancellationToken);

    public Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken) =>
        inner.PostCardAsync(conversation, card, cancellationToken);

    public Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken) =>
        inner.UpdateCardAsync(conversation, messageId, card, cancellationToken);
}

/// <summary>Wakes the outbox worker when a reply is added, so it need not wait for its next look.</summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _rung = new(0, 1);

    public void Ring()
    {
        try
        {
            _rung.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung; the worker has not woken yet.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _rung.WaitAsync(timeout, cancellationToken);
}
