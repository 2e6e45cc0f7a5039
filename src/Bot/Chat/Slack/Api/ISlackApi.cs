using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>A message to post or to put in place of another: plain text (also the notification fallback) and optional Block Kit blocks.</summary>
internal sealed record SlackMessage(string Channel, string Text, JsonArray? Blocks = null, string? ThreadTs = null);

/// <summary>Where a posted message is: its channel and timestamp (its id, and the thread id of its replies).</summary>
internal sealed record SlackPosted(string Channel, string Ts);

/// <summary>A file to share in a channel (and thread), e.g. a chart.</summary>
internal sealed record SlackFileUpload(string Channel, string? ThreadTs, string FileName, string Title, byte[] Content, string? AltText = null, string? InitialComment = null);

/// <summary>The Slack Web API methods the bot uses.</summary>
internal interface ISlackApi
{
    /// <summary><c>chat.postMessage</c>, paced per channel.</summary>
    Task<SlackPosted> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>chat.update</c> of the message <paramref name="ts"/> in <see cref="SlackMessage.Channel"/>.</summary>
    Task UpdateMessageAsync(string ts, SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>chat.postEphemeral</c>: a message only <paramref name="user"/> sees.</summary>
    Task PostEphemeralAsync(string user, SlackMessage message, CancellationToken cancellationToken);

    /// <summary><c>files.getUploadURLExternal</c>, the upload itself, then <c>files.completeUploadExternal</c>. Returns the file id.</summary>
    Task<string> UploadFileAsync(SlackFileUpload upload, CancellationToken cancellationToken);

    /// <summary>
    /// Answers through a delivery's <c>response_url</c> (only the asker sees it). It works where the bot cannot post,
    /// e.g. in a channel it was not invited to. The address came in a signed delivery; no token is sent to it.
    /// </summary>
    Task RespondAsync(Uri responseUrl, string text, CancellationToken cancellationToken);

    /// <summary><c>apps.connections.open</c> with the app-level token: a single-use WebSocket address for Socket Mode.</summary>
    Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A Web API call that did not succeed: <c>ok: false</c> with Slack's error code, or an HTTP failure. The message
/// names the method and the error and never carries a token.
/// </summary>
internal sealed class SlackApiException(string method, string error, string message) : Exception(message)
{
    public string Method { get; } = method;

    /// <summary>Slack's error code (e.g. <c>channel_not_found</c>), or <c>http_&lt;status&gt;</c>.</summary>
    public string Error { get; } = error;
}
