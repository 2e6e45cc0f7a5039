using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>
/// One JSON frame from Slack: <c>hello</c>, <c>disconnect</c> or an envelope (<c>events_api</c>,
/// <c>slash_commands</c>, <c>interactive</c>) carrying a delivery to acknowledge by its <c>envelope_id</c>.
/// </summary>
internal sealed record SocketModeFrame(string Type, JsonObject Json)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string EventsApi = "events_api";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";

    public string? EnvelopeId => Text("envelope_id");

    public bool IsEnvelope => EnvelopeId is not null && Type is EventsApi or SlashCommands or Interactive;

    public JsonObject? Payload => Json["payload"] as JsonObject;

    public bool AcceptsResponsePayload => Json["accepts_response_payload"] is JsonValue value && value.TryGetValue<bool>(out var accepts) && accepts;

    /// <summary>Why Slack asks to disconnect: <c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>, …</summary>
    public string Reason => Text("reason") ?? "unknown";

    public string? AppId => (Json["connection_info"] as JsonObject)?["app_id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;

    public int? NumConnections => Json["num_connections"] is JsonValue value && value.TryGetValue<int>(out var count) ? count : null;

    /// <summary>The frame, or null when the text is not a JSON object with a <c>type</c>.</summary>
    public static SocketModeFrame? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: JsonFields.Strict) is JsonObject json && json["type"] is JsonValue type && type.TryGetValue<string>(out var name)
                ? new SocketModeFrame(name, json)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The acknowledgement of an envelope, with a response payload when one is given.</summary>
    public static JsonObject Ack(string envelopeId, JsonObject? payload)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload.DeepClone();
        }

        return ack;
    }

    /// <summary>A slash command's payload as the string fields an HTTP form would carry.</summary>
    public static Dictionary<string, string> Fields(JsonObject payload)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in payload)
        {
            if (value is null)
            {
                continue;
            }

            fields[name] = value is JsonValue plain && plain.TryGetValue<string>(out var text) ? text : value.ToJsonString();
        }

        return fields;
    }

    private string? Text(string name) => Json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
