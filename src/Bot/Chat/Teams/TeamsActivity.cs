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

    /// <summary>Reads an activity; null when it lacks what every activity has (type, serviceUrl, channelId, conversation).</summary>
    public static TeamsActivity? Read(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if ((string?)activity["type"] is not { } type || (string?)activity["serviceUrl"] is not { } serviceUrl
            || (string?)activity["channelId"] is not { } channel || (string?)activity["conversation"]?["id"] is not { } conversation)
        {
            return null;
        }

        return new TeamsActivity(
            type,
            (string?)activity["id"],
            (string?)activity["name"],
            serviceUrl,
            channel,
            conversation,
            (string?)activity["conversation"]?["conversationType"],
            (string?)activity["conversation"]?["tenantId"] ?? (string?)activity["channelData"]?["tenant"]?["id"],
            (string?)activity["from"]?["id"],
            (string?)activity["from"]?["name"],
            (string?)activity["from"]?["aadObjectId"],
            (string?)activity["recipient"]?["id"],
            (string?)activity["text"],
            activity["value"],
            (string?)activity["replyToId"],
            activity["membersAdded"] as JsonArray,
            (string?)activity["action"]);
    }

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
    public Commands.Ports.Actor Actor =>
        new(Platform, FromAadObjectId ?? FromId ?? "unknown", string.IsNullOrWhiteSpace(FromName) ? FromAadObjectId ?? FromId ?? "unknown" : FromName);
}
