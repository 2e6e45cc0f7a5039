using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// A card's <c>Action.Execute</c>: carried out at once, like the typed command by the person who clicked, and
/// answered with the refreshed release card — or, when refused (say the card is out of date), or when the button is on
/// a decision card (there is no release card to refresh), with a message to the clicker. An accepted change is also
/// told in the release's thread.
/// </summary>
internal sealed partial class TeamsExecute(
    IChatInbox inbox,
    CommandHandler commands,
    TeamsResponder responder,
    IReleaseStore store,
    ReleaseSettings settings,
    TimeProvider time,
    ILogger<TeamsExecute> logger)
{
    /// <summary>A clicked button: its command and, on a release card, the card's promise (none on a decision card).</summary>
    public sealed record Button(string Command, CardGuard? Guard);

    /// <summary>
    /// The data a card button carries: the command, with the release and revision on a release card and without both on
    /// a decision card; null when the value is not one of this bot's buttons.
    /// </summary>
    public static Button? ReadButton(JsonNode? value)
    {
        var data = JsonFields.Node(value, "action", "data") as JsonObject ?? value as JsonObject;
        if (data is null || JsonFields.Text(data, "command") is not { } text)
        {
            return null;
        }

        var release = JsonFields.Text(data, "releaseId");
        var revision = data["revision"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : (int?)null;
        return (release, revision) switch
        {
            ({ } id, { } at) => new Button(text, new CardGuard(id, at)),
            (null, null) when data["releaseId"] is null && data["revision"] is null => new Button(text, null),
            _ => null,
        };
    }

    public async Task<TeamsAck> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (ReadButton(activity.Value) is not { } button)
        {
            return Error(400, "BadRequest", "That action is not one of this bot's buttons.");
        }

        var conversation = new ConversationRef(TeamsActivity.Platform, activity.BaseConversationId, activity.ReplyToId ?? activity.Id);
        var request = new ChatRequest(button.Command, activity.Actor, conversation) { Guard = button.Guard };
        var delivery = new InboundDelivery(InboundText.Key($"teams:{activity.Id ?? Guid.NewGuid().ToString("N")}"), TeamsActivity.Platform, "button", request, time.GetUtcNow());
        if (!await inbox.TryAddAsync(delivery, cancellationToken).ConfigureAwait(false))
        {
            return await CardOrMessageAsync(button.Guard, "That click was already handled.", cancellationToken).ConfigureAwait(false);
        }

        var result = await commands.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        await inbox.CompleteAsync(delivery.Id, cancellationToken).ConfigureAwait(false);
        if (result.Reply.Kind is ReplyKind.Refused)
        {
            return Message(TeamsText.Format(result.Reply));
        }

        try
        {
            await responder.RespondAsync(delivery, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogThreadFailed(logger, delivery.Id, ex);
        }

        return await CardOrMessageAsync(button.Guard, TeamsText.Format(result.Reply), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The release card refreshed, for a click on one; else the text as a message to the clicker.</summary>
    private async Task<TeamsAck> CardOrMessageAsync(CardGuard? guard, string text, CancellationToken cancellationToken)
    {
        var release = guard is null ? null : await store.GetAsync(guard.ReleaseId, cancellationToken).ConfigureAwait(false);
        return release is null
            ? Message(text)
            : new TeamsAck(200, new JsonObject
            {
                ["statusCode"] = 200,
                ["type"] = TeamsCards.ContentType,
                ["value"] = TeamsCards.Card(ReleaseCard.For(release, settings.WeightLadder)),
            });
    }

    private static TeamsAck Message(string text) =>
        new(200, new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = text });

    private static TeamsAck Error(int status, string code, string message) =>
        new(200, new JsonObject
        {
            ["statusCode"] = status,
            ["type"] = "application/vnd.microsoft.error",
            ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell the release thread about Teams delivery {Id}")]
    private static partial void LogThreadFailed(ILogger logger, string id, Exception exception);
}
