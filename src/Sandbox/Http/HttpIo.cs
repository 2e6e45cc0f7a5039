using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>Request and response plumbing: bodies, media types, Accept negotiation and query flags.</summary>
internal static class HttpIo
{
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToWire(), Encoding.UTF8, context.RequestAborted);
    }

    public static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    /// <summary>Reads a create/replace body (JSON, or YAML when so labelled) as an object; 400 when malformed.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        try
        {
            var node = MediaType(context.Request.ContentType).Contains("yaml", StringComparison.Ordinal)
                ? YamlReader.Parse(body)
                : JsonNode.Parse(body);
            return node as JsonObject ?? throw StatusObjects.BadRequest("the body of the request must be a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw StatusObjects.BadRequest($"the object provided is unrecognized: couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    /// <summary>The media type without parameters, lower case ("" when absent).</summary>
    public static string MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() ?? "" : "";

    /// <summary>True when one of the Accept media ranges asks for a server-side Table (<c>as=Table</c>).</summary>
    public static bool WantsTable(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length == 0 || !MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            return false;
        }

        return ranges.Any(r => r.Parameters.Any(p =>
            p.Name.Equals("as", StringComparison.OrdinalIgnoreCase) && p.Value.Equals("Table", StringComparison.OrdinalIgnoreCase)));
    }

    public static string? Query(HttpContext context, string name)
    {
        var value = context.Request.Query[name];
        return value.Count == 0 ? null : value[^1];
    }

    public static bool QueryFlag(HttpContext context, string name) =>
        Query(context, name) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    public static bool DryRun(HttpContext context) => context.Request.Query["dryRun"].Any(v => v == "All");
}
