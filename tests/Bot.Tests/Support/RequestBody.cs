using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A request's whole body as a loopback fake records it: the raw bytes, the content type, the JSON object when it is
/// JSON (null when it does not parse), the form fields when it is a form, and the Authorization header.
/// </summary>
internal sealed record RequestBody(byte[] Raw, string ContentType, JsonObject? Json, IReadOnlyDictionary<string, string>? Form, string? Authorization)
{
    public static async Task<RequestBody> ReadAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var raw = buffer.ToArray();
        var contentType = request.ContentType ?? "";
        var text = Encoding.UTF8.GetString(raw);
        JsonObject? json = null;
        Dictionary<string, string>? form = null;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                json = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            form = QueryHelpers.ParseQuery(text).ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        }

        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        return new RequestBody(raw, contentType, json, form, authorization);
    }
}
