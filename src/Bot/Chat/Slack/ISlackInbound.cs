using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>What to answer Slack at once: an HTTP status and an optional JSON body or plain text.</summary>
internal sealed record SlackAck(int StatusCode = 200, JsonObject? Body = null, string? Text = null)
{
    public static readonly SlackAck Empty = new();
}

/// <summary>
/// Where verified deliveries from Slack go — from the HTTP endpoints (after the signature check) and from Socket
/// Mode envelopes alike. Each call returns quickly: it records the delivery (acting once per delivery id) and
/// queues the work; answers follow later through the Web API.
/// </summary>
internal interface ISlackInbound
{
    /// <summary>A slash command: the form fields (<c>command</c>, <c>text</c>, <c>user_id</c>, <c>channel_id</c>, <c>trigger_id</c>, …).</summary>
    Task<SlackAck> CommandAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);

    /// <summary>An Events API body: <c>url_verification</c> or an <c>event_callback</c> envelope.</summary>
    Task<SlackAck> EventAsync(JsonObject envelope, CancellationToken cancellationToken);

    /// <summary>An interactivity payload (<c>block_actions</c> from a button).</summary>
    Task<SlackAck> InteractionAsync(JsonObject payload, CancellationToken cancellationToken);
}
