using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat;

/// <summary>
/// Reads JSON from chat platforms without trusting its shape: a body that repeats a property is not JSON the bot
/// reads; a field of another type, a text that is not valid UTF-16, or a path through something that is not an
/// object reads as absent.
/// </summary>
internal static class JsonFields
{
    /// <summary>How platform bodies are parsed: a repeated property is an error, not a crash on first reading it.</summary>
    public static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The body as a JSON object; null when it is not one (also when it is not JSON at all).</summary>
    public static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: Strict) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The node at <paramref name="path"/>, or null where a step is missing or not an object.</summary>
    public static JsonNode? Node(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The text at <paramref name="path"/>, or null when it is missing, not a string, or not readable.</summary>
    public static string? Text(JsonNode? node, params ReadOnlySpan<string> path)
    {
        if (Node(node, path) is not JsonValue value)
        {
            return null;
        }

        try
        {
            return value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null; // a lone surrogate escaped in the JSON
        }
    }
}
