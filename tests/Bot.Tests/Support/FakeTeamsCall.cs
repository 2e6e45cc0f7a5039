using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>What a request to <see cref="FakeTeamsConnector"/> was for.</summary>
internal enum FakeTeamsOperation
{
    /// <summary><c>POST …/v3/conversations/{id}/activities</c></summary>
    Send,

    /// <summary><c>POST …/v3/conversations/{id}/activities/{activityId}</c></summary>
    Reply,

    /// <summary><c>PUT …/v3/conversations/{id}/activities/{activityId}</c></summary>
    Update,

    /// <summary><c>DELETE …/v3/conversations/{id}/activities/{activityId}</c></summary>
    Delete,

    /// <summary><c>POST …/v3/conversations</c> (a proactive 1:1 conversation)</summary>
    CreateConversation,

    /// <summary><c>POST /{tenant}/oauth2/v2.0/token</c>: a client-credentials token request</summary>
    Token,

    /// <summary><c>GET /common/discovery/instance</c>: MSAL's instance discovery</summary>
    Discovery,

    /// <summary>Anything else (answered 404).</summary>
    Unknown,
}

/// <summary>
/// One request <see cref="FakeTeamsConnector"/> received, in arrival order: the operation, the HTTP method, the path
/// as sent (still escaped), the conversation and activity ids (unescaped), the <c>Authorization</c> header, the body
/// parsed as JSON or as a form, the raw body, when it arrived, and (for requests that came through
/// <see cref="FakeTeamsConnector.CreateLoopbackHandler"/>) the address the client meant.
/// </summary>
internal sealed record FakeTeamsCall(
    FakeTeamsOperation Operation,
    string HttpMethod,
    string Path,
    string? ConversationId,
    string? ActivityId,
    string? Authorization,
    string ContentType,
    JsonObject? Json,
    IReadOnlyDictionary<string, string>? Form,
    byte[] RawBody,
    DateTimeOffset At)
{
    /// <summary>The header <see cref="FakeTeamsConnector.CreateLoopbackHandler"/> puts the original address in.</summary>
    public const string OriginalUrlHeader = "X-Fake-Original-Url";

    private const string Bearer = "Bearer ";

    /// <summary>The address the client meant, e.g. <c>https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token</c>; null when it called the fake directly.</summary>
    public string? OriginalUrl { get; init; }

    /// <summary>The tenant of a token request (the first path segment).</summary>
    public string? Tenant { get; init; }

    /// <summary>The token after <c>Bearer </c>, or null.</summary>
    public string? BearerToken =>
        Authorization is { } header && header.StartsWith(Bearer, StringComparison.Ordinal) ? header[Bearer.Length..] : null;

    /// <summary>The activity's <c>text</c>.</summary>
    public string? Text => Field("text");

    /// <summary>A string field of the JSON body, or a form field.</summary>
    public string? Field(string name) =>
        Json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : Form?.GetValueOrDefault(name);

    /// <summary>The raw body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(RawBody);

    /// <summary>One line for failure messages: operation, method, path and the start of the body (never a token or a secret).</summary>
    public string Describe()
    {
        var body = Json?.ToJsonString()
            ?? (Form is null ? $"{RawBody.Length} bytes" : string.Join('&', Form.Select(f => f.Key is "client_secret" or "client_assertion" ? $"{f.Key}=…" : $"{f.Key}={f.Value}")));
        return $"{Operation} {HttpMethod} {Path} {(body.Length > 300 ? body[..300] + "…" : body)}";
    }

    /// <summary>Reads the whole request; <paramref name="route"/> says what it was for.</summary>
    public static async Task<FakeTeamsCall> ReadAsync(HttpRequest request, FakeTeamsRoute route, DateTimeOffset at)
    {
        var body = await RequestBody.ReadAsync(request);
        var original = request.Headers.TryGetValue(OriginalUrlHeader, out var originalUrl) ? originalUrl.ToString() : null;
        return new FakeTeamsCall(route.Operation, request.Method, RawPath(request), route.ConversationId, route.ActivityId, body.Authorization, body.ContentType, body.Json, body.Form, body.Raw, at)
        {
            OriginalUrl = original,
            Tenant = route.Tenant,
        };
    }

    /// <summary>The request's path exactly as the client sent it (escapes kept), without the query.</summary>
    public static string RawPath(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : target[..query];
    }
}

/// <summary>What a request path means to <see cref="FakeTeamsConnector"/>.</summary>
internal sealed record FakeTeamsRoute(FakeTeamsOperation Operation, string? ConversationId = null, string? ActivityId = null, string? Tenant = null)
{
    /// <summary>
    /// Reads <paramref name="rawPath"/> (still escaped, so an id holding <c>%2F</c> stays one segment): anything
    /// before <c>v3/conversations</c> is the service URL's own path (e.g. <c>/amer/</c>).
    /// </summary>
    public static FakeTeamsRoute Of(string method, string rawPath)
    {
        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var v3 = Array.FindIndex(segments, segment => segment == "v3");
        if (v3 >= 0 && segments.Length > v3 + 1 && segments[v3 + 1] == "conversations")
        {
            var rest = segments[(v3 + 2)..];
            return (method, rest.Length) switch
            {
                ("POST", 0) => new(FakeTeamsOperation.CreateConversation),
                ("POST", 2) when rest[1] == "activities" => new(FakeTeamsOperation.Send, rest[0]),
                ("POST", 3) when rest[1] == "activities" => new(FakeTeamsOperation.Reply, rest[0], rest[2]),
                ("PUT", 3) when rest[1] == "activities" => new(FakeTeamsOperation.Update, rest[0], rest[2]),
                ("DELETE", 3) when rest[1] == "activities" => new(FakeTeamsOperation.Delete, rest[0], rest[2]),
                _ => new(FakeTeamsOperation.Unknown),
            };
        }

        if (method == "POST" && segments is [var tenant, "oauth2", "v2.0", "token"])
        {
            return new(FakeTeamsOperation.Token, Tenant: tenant);
        }

        return method == "GET" && segments is ["common", "discovery", "instance"] ? new(FakeTeamsOperation.Discovery) : new(FakeTeamsOperation.Unknown);
    }
}
