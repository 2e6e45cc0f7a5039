using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Answers a Slack request where it belongs: a refusal only to the person who asked (ephemeral); an answer to a
/// slash command only to them too, and to a mention in its thread; an accepted change in the release's thread,
/// saying who asked for what. When Slack refuses the answer (say the bot was not invited to the channel), the
/// person is told why through the delivery's <c>response_url</c>, where there is one.
/// </summary>
internal sealed partial class SlackResponder(ISlackApi slack, IReleaseStore store, ILogger<SlackResponder> logger) : IChatResponder
{
    public string Platform => SlackInbound.Platform;

    public async Task RespondAsync(InboundDelivery delivery, CommandResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            await AnswerAsync(delivery, result, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (delivery.ResponseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var address))
        {
            LogFallback(logger, ex.Method, ex.Error);
            var text = $":warning: I couldn't answer in this conversation — Slack said `{ex.Error}`.{Hint(ex.Error)}\n{SlackText.Format(result.Reply)}";
            await slack.RespondAsync(address, text, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(InboundDelivery delivery, CommandResult result, CancellationToken cancellationToken)
    {
        var asked = delivery.Request.Conversation;
        var user = delivery.Request.Actor.Id;
        var text = SlackText.Format(result.Reply);
        var personal = result.Reply.Image is null
            && (result.Reply.Kind == ReplyKind.Refused || (result.Reply.Kind == ReplyKind.Info && delivery.Source == "command"));
        if (personal)
        {
            await slack.PostEphemeralAsync(user, new SlackMessage(asked.Channel, text, ThreadTs: asked.Thread), cancellationToken).ConfigureAwait(false);
            return;
        }

        var where = asked;
        if (result.ReleaseId is { } id && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } release
            && release.Conversation.Channel == asked.Channel && (result.Reply.Kind != ReplyKind.Info || result.Reply.Image is not null))
        {
            where = release.Conversation;
        }

        if (result.Reply.Kind is ReplyKind.Accepted or ReplyKind.Failure)
        {
            text = $"{SlackText.Mention(user)} {SlackText.Typed(delivery.Request.Text)} — {text}";
        }

        if (result.Reply.Image is { } image)
        {
            // A chart is for everyone in the conversation: shared as a file with the text as its comment.
            await slack.UploadFileAsync(
                new SlackFileUpload(where.Channel, where.Thread, image.FileName, image.Title, image.Png, image.AltText,
                    $"{SlackText.Mention(user)} {SlackText.Typed(delivery.Request.Text)}\n{text}"),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        await slack.PostMessageAsync(new SlackMessage(where.Channel, text, ThreadTs: where.Thread), cancellationToken).ConfigureAwait(false);
    }

    private static string Hint(string error) => error switch
    {
        "not_in_channel" or "channel_not_found" => " Invite me to the channel (`/invite @release`) and try again; what you asked for is recorded below.",
        "is_archived" => " The channel is archived.",
        _ => " What you asked for is recorded below.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused an answer ({Method}: {Error}); telling the person through the response_url")]
    private static partial void LogFallback(ILogger logger, string method, string error);
}
