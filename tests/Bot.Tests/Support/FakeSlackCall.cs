using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// One request <see cref="FakeSlack"/> received, in arrival order: the Web API method (or
/// <see cref="FakeSlack.UploadMethod"/> for the upload of a file's bytes), the <c>Authorization</c> header, the
/// content type, the body parsed as JSON or as a form where it was one, the raw body, and when it arrived.
/// </summary>
internal sealed record FakeSlackCall(
    string Method,
    string? Authorization,
    string ContentType,
    JsonObject? Json,
    IReadOnlyDictionary<string, string>? Form,
    byte[] RawBody,
    DateTimeOffset At)
{
    private const string Bearer = "Bearer ";

    /// <summary>The request path, e.g. <c>/api/chat.postMessage</c> or <c>/upload/F00000001</c>.</summary>
    public string Path { get; init; } = "";

    /// <summary>The token after <c>Bearer </c>, or null.</summary>
    public string? BearerToken =>
        Authorization is { } header && header.StartsWith(Bearer, StringComparison.Ordinal) ? header[Bearer.Length..] : null;

    /// <summary>A string field of the JSON body, or a form field.</summary>
    public string? Field(string name) =>
        Json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : Form?.GetValueOrDefault(name);

    /// <summary>The raw body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(RawBody);

    /// <summary>One line for failure messages: method, content type and the start of the body (never the token).</summary>
    public string Describe()
    {
        var body = Json?.ToJsonString() ?? (Form is null ? $"{RawBody.Length} bytes" : string.Join('&', Form.Select(f => $"{f.Key}={f.Value}")));
        return $"{Method} [{ContentType}] {(body.Length > 300 ? body[..300] + "…" : body)}";
    }

    /// <summary>Reads the whole request: JSON bodies are parsed as JSON, form bodies as a form.</summary>
    public static async Task<FakeSlackCall> ReadAsync(HttpRequest request, string method, DateTimeOffset at)
    {
        var body = await RequestBody.ReadAsync(request);
        return new FakeSlackCall(method, body.Authorization, body.ContentType, body.Json, body.Form, body.Raw, at) { Path = request.Path.Value ?? "" };
    }
}
