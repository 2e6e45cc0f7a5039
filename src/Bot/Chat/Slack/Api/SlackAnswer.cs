using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>Reads Slack's JSON answers: the <c>ok</c> flag, the error code and its details, and required fields.</summary>
internal static class SlackAnswer
{
    /// <summary>The most detail (from <c>response_metadata.messages</c>) put into an exception message.</summary>
    private const int MaxDetailLength = 500;

    public static JsonObject? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonObject Parse(string method, string body) =>
        TryParse(body) ?? throw new SlackApiException(method, "invalid_response", $"Slack answered {method} with something other than a JSON object.");

    public static bool IsOk(JsonObject answer) =>
        answer["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var value) && value;

    public static string? String(JsonObject answer, string field) =>
        answer[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string Error(JsonObject answer) => String(answer, "error") is { Length: > 0 } error ? error : "unknown_error";

    public static string Required(string method, JsonObject answer, string field) =>
        String(answer, field) is { Length: > 0 } value
            ? value
            : throw new SlackApiException(method, "invalid_response", $"Slack answered {method} without '{field}'.");

    /// <summary>A required absolute address whose scheme is one of <paramref name="schemes"/>.</summary>
    public static Uri RequiredUri(string method, JsonObject answer, string field, params string[] schemes) =>
        Uri.TryCreate(Required(method, answer, field), UriKind.Absolute, out var address) && schemes.Contains(address.Scheme, StringComparer.OrdinalIgnoreCase)
            ? address
            : throw new SlackApiException(method, "invalid_response", $"Slack answered {method} with a '{field}' that is not an absolute address.");

    /// <summary>The refusal message: <c>Slack refused chat.postMessage: invalid_blocks ([ERROR] …)</c>.</summary>
    public static string RefusalMessage(string method, string error, JsonObject answer)
    {
        var message = $"Slack refused {method}: {error}";
        var details = answer["response_metadata"]?["messages"] is JsonArray messages
            ? string.Join("; ", messages.Select(m => m is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>())
            : "";
        if (details.Length == 0)
        {
            return message;
        }

        return details.Length > MaxDetailLength ? $"{message} ({details[..MaxDetailLength]}…)" : $"{message} ({details})";
    }
}
