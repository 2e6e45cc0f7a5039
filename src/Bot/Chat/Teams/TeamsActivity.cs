using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>The parts of an inbound Bot Framework activity the bot uses.</summary>
internal sealed record TeamsActivity(
    string Type,
    string? Id,
    string? Name,
    string ServiceUrl,
    string ChannelId,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    string? FromId,
    string? FromName,
    string? FromAadObjectId,
    string? RecipientId,
    string? Text,
    JsonNode? Value,
    string? ReplyToId,
    JsonArray? MembersAdded,
    string? Action)
{
    public const string Platform = "teams";

    /// <summary>The longest id the bot takes from an activity (Teams' own are far shorter).</summary>
    public const int MaxIdLength = 512;

    /// <summary>
    /// Reads an activity; null when it lacks what every activity has (type, an absolute service URL, channelId, a
    /// conversation id). Ids that are not short printable ASCII, as Teams' are, read as absent.
    /// </summary>
    public static TeamsActivity? Read(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (JsonFields.Text(activity, "type") is not { } type || JsonFields.Text(activity, "serviceUrl") is not { } serviceUrl
            || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
            || JsonFields.Text(activity, "channelId") is not { } channel || SaneId(JsonFields.Text(activity, "conversation", "id")) is not { } conversation)
        {
            return null;
        }

        return new TeamsActivity(
            type,
            SaneId(JsonFields.Text(activity, "id")),
            JsonFields.Text(activity, "name"),
            serviceUrl,
            channel,
            conversation,
            JsonFields.Text(activity, "conversation", "conversationType"),
            SaneId(JsonFields.Text(activity, "conversation", "tenantId") ?? JsonFields.Text(activity, "channelData", "tenant", "id")),
            SaneId(JsonFields.Text(activity, "from", "id")),
            JsonFields.Text(activity, "from", "name"),
            SaneId(JsonFields.Text(activity, "from", "aadObjectId")),
            SaneId(JsonFields.Text(activity, "recipient", "id")),
            JsonFields.Text(activity, "text"),
            activity["value"],
            SaneId(JsonFields.Text(activity, "replyToId")),
            activity["membersAdded"] as JsonArray,
            JsonFields.Text(activity, "action"));
    }

    private static string? SaneId(string? id) => id is { Length: > 0 and <= MaxIdLength } && id.All(c => c is >= '!' and <= '~') ? id : null;

    /// <summary>The conversation without a thread suffix: a channel and its threads are one conversation for <c>canary</c>.</summary>
    public string BaseConversationId
    {
        get
        {
            var cut = ConversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
            return cut < 0 ? ConversationId : ConversationId[..cut];
        }
    }

    /// <summary>The person: by their Entra object id where Teams gives it (what access rules name), else their channel id.</summary>
    public Commands.Ports.Actor Actor
    {
        get
        {
            var id = Chat.InboundText.Key(FromAadObjectId ?? FromId ?? "unknown");
            return new(Platform, id, Chat.InboundText.Name(FromName) ?? id);
        }
    }
}
