using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Answers a Slack request where it belongs: a refusal only to the person who asked (ephemeral); an answer to a
/// slash command only to them too, and to a mention in its thread; an accepted change in the release's thread,
/// saying who asked for what.
/// </summary>
internal sealed class SlackResponder(ISlackApi slack, IReleaseStore store)
{
    public async Task RespondAsync(InboundDelivery delivery, CommandResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(result);
        var asked = delivery.Request.Conversation;
        var user = delivery.Request.Actor.Id;
        var text = SlackText.Format(result.Reply);
        var personal = result.Reply.Kind == ReplyKind.Refused || (result.Reply.Kind == ReplyKind.Info && delivery.Source == "command");
        if (personal)
        {
            await slack.PostEphemeralAsync(user, new SlackMessage(asked.Channel, text, ThreadTs: asked.Thread), cancellationToken).ConfigureAwait(false);
            return;
        }

        var where = asked;
        if (result.ReleaseId is { } id && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } release
            && release.Conversation.Channel == asked.Channel)
        {
            where = release.Conversation;
        }

        if (result.Reply.Kind is ReplyKind.Accepted or ReplyKind.Failure)
        {
            text = $"{SlackText.Mention(user)} `{SlackText.Escape(delivery.Request.Text.Trim())}` — {text}";
        }

        await slack.PostMessageAsync(new SlackMessage(where.Channel, text, ThreadTs: where.Thread), cancellationToken).ConfigureAwait(false);
    }
}
