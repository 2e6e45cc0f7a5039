using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// Posts into Teams conversations for the core: job outcomes as replies in the release's thread, release cards —
/// the first time as a new message in the conversation (whose replies become the release's thread), afterwards
/// replaced in place — and decision cards, as replies in the thread, replaced once decided.
/// </summary>
internal sealed class TeamsReplies(ITeamsConnector connector, ITeamsConversations conversations, ITrustedServiceUrls trusted, IReleaseStore store) : IChatReplies
{
    public string Platform => TeamsActivity.Platform;

    public async Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(reply);
        var activity = reply.Image is { } image ? TeamsCards.Picture(TeamsText.FormatForCard(reply), image) : TeamsText.Message(TeamsText.Format(reply));
        await SendAsync(conversation, activity, cancellationToken).ConfigureAwait(false);
    }

    public async Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(card);
        var reference = await ReferenceAsync(release.Conversation.Channel, cancellationToken).ConfigureAwait(false);
        var activity = TeamsCards.Message(card);
        if (release.CardId is { } cardId)
        {
            await ReplaceAsync(reference, cardId, activity, cancellationToken).ConfigureAwait(false);
            return;
        }

        var posted = await connector.SendAsync(reference.ServiceUrl, reference.Id, activity, cancellationToken).ConfigureAwait(false);
        if (posted.Length == 0)
        {
            return;
        }

        await store.UpdateAsync(release.Id, stored =>
        {
            stored.CardId = posted;
            stored.Conversation = stored.Conversation with { Thread = posted };
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var posted = await SendAsync(conversation, TeamsCards.Message(card), cancellationToken).ConfigureAwait(false);
        return posted.Length == 0 ? null : posted;
    }

    public async Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(card);
        var reference = await ReferenceAsync(conversation.Channel, cancellationToken).ConfigureAwait(false);
        await ReplaceAsync(reference, messageId, TeamsCards.Message(card), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an activity: as a reply when the conversation has a thread, else as a new message.</summary>
    public async Task<string> SendAsync(ConversationRef conversation, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var reference = await ReferenceAsync(conversation.Channel, cancellationToken).ConfigureAwait(false);
        return conversation.Thread is { } thread
            ? await connector.ReplyAsync(reference.ServiceUrl, reference.Id, thread, activity, cancellationToken).ConfigureAwait(false)
            : await connector.SendAsync(reference.ServiceUrl, reference.Id, activity, cancellationToken).ConfigureAwait(false);
    }

    private Task ReplaceAsync(TeamsConversation reference, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        activity["id"] = activityId;
        return connector.UpdateAsync(reference.ServiceUrl, reference.Id, activityId, activity, cancellationToken);
    }

    /// <summary>
    /// The conversation's stored reference. Its service URL came in an authenticated activity when it was recorded, so
    /// it is trusted again here — after a restart the in-memory trust is empty, and jobs still have to answer.
    /// </summary>
    private async Task<TeamsConversation> ReferenceAsync(string conversationId, CancellationToken cancellationToken)
    {
        var reference = await conversations.FindAsync(conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new TeamsConnectorException(0, "unknown_conversation", $"No Teams conversation {conversationId} has been seen, so there is no service address to post to.");
        trusted.Trust(reference.ServiceUrl);
        return reference;
    }
}
