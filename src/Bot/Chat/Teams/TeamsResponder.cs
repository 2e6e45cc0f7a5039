using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// Answers a Teams request: as a reply to the message that asked (mentioning the person when something was refused);
/// an accepted change in the release's thread, saying who asked for what. Teams has no messages only one person
/// sees, so refusals are replies addressed to the asker.
/// </summary>
internal sealed class TeamsResponder(TeamsReplies replies, IReleaseStore store) : IChatResponder
{
    public string Platform => TeamsActivity.Platform;

    public async Task RespondAsync(InboundDelivery delivery, CommandResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(result);
        var asked = delivery.Request.Conversation;
        var actor = delivery.Request.Actor;
        var where = asked;
        var echo = string.Empty;
        if (result.Reply.Kind is ReplyKind.Accepted or ReplyKind.Failure || result.Reply.Image is not null)
        {
            if (result.ReleaseId is { } id && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } release
                && release.Conversation.Platform == asked.Platform && release.Conversation.Channel == asked.Channel)
            {
                where = release.Conversation;
            }

            echo = $"{TeamsText.Typed(delivery.Request.Text)} — ";
        }

        var activity = result.Reply.Image is { } image
            ? TeamsCards.Picture(TeamsText.CardText(echo) + TeamsText.FormatForCard(result.Reply), image)
            : TeamsText.MessageTo(result.Reply.Kind is ReplyKind.Info ? null : actor.DisplayName, echo + TeamsText.Format(result.Reply));
        await replies.SendAsync(where, activity, cancellationToken).ConfigureAwait(false);
    }
}
