using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>One connector call to make: which operation, the HTTP method, the absolute address and the JSON body.</summary>
internal sealed record ConnectorCall(string Operation, HttpMethod Method, Uri Address, string ConversationId, string Body);

/// <summary>
/// The connector's answer to one attempt, read in full: status, body, the <c>Retry-After</c> wait if any, and the
/// <c>X-Correlating-OperationId</c> Microsoft asks for when reporting a problem.
/// </summary>
internal sealed record ConnectorAnswer(int Status, string Body, TimeSpan? RetryAfter, string? OperationId)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Answers worth another try: throttled (429), a precondition race (412), or a gateway problem (502, 504).</summary>
    public bool IsRetryable => Status is 429 or 412 or 502 or 504;

    /// <summary>The <c>id</c> of a successful send or reply; empty when there is none (Teams may split a message and return no id).</summary>
    public string ActivityId() =>
        Parse(Body)?["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : "";

    /// <summary><c>error.code</c> and <c>error.message</c> of a failure's body, where it has them.</summary>
    public (string? Code, string? Message) Error()
    {
        var error = Parse(Body)?["error"] as JsonObject;
        return (Text(error?["code"]), Text(error?["message"]));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static JsonObject? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
