using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>What to answer the Bot Framework at once: a status and, for an invoke, its response body.</summary>
internal sealed record TeamsAck(int StatusCode, JsonObject? Body = null);

/// <summary>
/// Turns authenticated activities into work: messages and card submits are recorded in the inbox (once per activity
/// id) and handed to the worker; a card's Action.Execute is carried out at once, because its answer must carry the
/// refreshed card; installing the bot or adding it to a conversation records the conversation and greets it once.
/// </summary>
internal sealed partial class TeamsInbound(
    IChatInbox inbox,
    [FromKeyedServices(TeamsActivity.Platform)] ChatWorker worker,
    TeamsExecute execute,
    TeamsReplies replies,
    ITeamsConversations conversations,
    TimeProvider time,
    ILogger<TeamsInbound> logger)
{
    public async Task<TeamsAck> ReceiveAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await conversations.RememberAsync(
            new TeamsConversation(activity.BaseConversationId, activity.ServiceUrl, activity.TenantId, activity.ConversationType, activity.RecipientId, null),
            cancellationToken).ConfigureAwait(false);
        switch (activity.Type)
        {
            case "message" when Read(activity) is { } request:
                var delivery = new InboundDelivery(InboundText.Key($"teams:{activity.Id ?? Guid.NewGuid().ToString("N")}"), TeamsActivity.Platform,
                    TeamsExecute.ReadButton(activity.Value) is null ? "message" : "button", request, time.GetUtcNow());
                if (await inbox.TryAddAsync(delivery, cancellationToken).ConfigureAwait(false))
                {
                    worker.Enqueue(delivery);
                }
                else
                {
                    LogDuplicate(logger, delivery.Id);
                }

                return new TeamsAck(200);
            case "invoke" when activity.Name == "adaptiveCard/action":
                return await execute.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
            case "conversationUpdate" or "installationUpdate":
                await GreetOnceAsync(activity, cancellationToken).ConfigureAwait(false);
                return new TeamsAck(200);
            default:
                return new TeamsAck(200);
        }
    }

    /// <summary>A typed command (mentions of the bot removed), or a card's Action.Submit; null for anything else.</summary>
    public static ChatRequest? Read(TeamsActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = new ConversationRef(TeamsActivity.Platform, activity.BaseConversationId, activity.Id);
        if (TeamsExecute.ReadButton(activity.Value) is { } button)
        {
            return new ChatRequest(button.Command, activity.Actor, conversation with { Thread = activity.ReplyToId ?? activity.Id }) { Guard = button.Guard };
        }

        var text = Mentions().Replace(activity.Text ?? string.Empty, string.Empty).Trim();
        return text.Length == 0 ? null : new ChatRequest(text, activity.Actor, conversation);
    }

    private async Task GreetOnceAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        var added = activity.Type == "installationUpdate"
            ? activity.Action is null or "add"
            : activity.MembersAdded?.Any(m => JsonFields.Text(m, "id") == activity.RecipientId) == true;
        if (!added || !await conversations.MarkGreetedAsync(activity.BaseConversationId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var help = HelpHandler.Handle(new HelpCommand(null, CommandFlags.None)).Reply;
        await replies.SendAsync(new ConversationRef(TeamsActivity.Platform, activity.BaseConversationId), TeamsText.Message(TeamsText.Format(help)), cancellationToken)
            .ConfigureAwait(false);
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mentions();

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams activity {Id} arrived again; it was acted on once already")]
    private static partial void LogDuplicate(ILogger logger, string id);
}
