using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Posts into Slack conversations for the core: job outcomes into threads, release cards — the first time as a new
/// message in the channel, which becomes the release's thread, afterwards updated in place — and decision cards, as
/// replies in the thread, redrawn once decided.
/// </summary>
internal sealed class SlackReplies(ISlackApi slack, IReleaseStore store) : IChatReplies
{
    public string Platform => SlackInbound.Platform;

    public Task PostAsync(ConversationRef conversation, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Image is { } image)
        {
            // The bot's own evidence (an automatic rollback's chart): shared as a file with the text as its comment.
            return slack.UploadFileAsync(
                new SlackFileUpload(conversation.Channel, conversation.Thread, image.FileName, image.Title, image.Png, image.AltText, SlackText.Format(reply)),
                cancellationToken);
        }

        return slack.PostMessageAsync(new SlackMessage(conversation.Channel, SlackText.Format(reply), ThreadTs: conversation.Thread), cancellationToken);
    }

    public async Task ShowReleaseAsync(Release release, ReleaseCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(card);
        var message = new SlackMessage(release.Conversation.Channel, SlackBlocks.Fallback(card), SlackBlocks.Card(card));
        if (release.CardId is { } ts)
        {
            await slack.UpdateMessageAsync(ts, message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var posted = await slack.PostMessageAsync(message, cancellationToken).ConfigureAwait(false);
        await store.UpdateAsync(release.Id, stored =>
        {
            stored.CardId = posted.Ts;
            stored.Conversation = stored.Conversation with { Thread = posted.Ts };
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> PostCardAsync(ConversationRef conversation, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(card);
        var posted = await slack.PostMessageAsync(
            new SlackMessage(conversation.Channel, SlackBlocks.Fallback(card), SlackBlocks.Card(card), conversation.Thread), cancellationToken).ConfigureAwait(false);
        return posted.Ts;
    }

    public Task UpdateCardAsync(ConversationRef conversation, string messageId, DecisionCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(card);
        return slack.UpdateMessageAsync(messageId, new SlackMessage(conversation.Channel, SlackBlocks.Fallback(card), SlackBlocks.Card(card)), cancellationToken);
    }
}
