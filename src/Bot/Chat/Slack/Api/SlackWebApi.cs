using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>
/// The Slack Web API over a typed <see cref="HttpClient"/> (base address and timeout from <see cref="SlackOptions"/>):
/// JSON bodies for messages, form bodies where Slack wants them, <c>ok: false</c> turned into
/// <see cref="SlackApiException"/>, HTTP 429 retried after <c>Retry-After</c>, and posts paced per channel.
/// </summary>
internal sealed partial class SlackWebApi(
    HttpClient http,
    IOptions<SlackOptions> options,
    SlackPostPacer pacer,
    TimeProvider time,
    ILogger<SlackWebApi> logger) : ISlackApi
{
    public const string PostMessage = "chat.postMessage";
    public const string Update = "chat.update";
    public const string PostEphemeral = "chat.postEphemeral";
    public const string GetUploadUrl = "files.getUploadURLExternal";
    public const string CompleteUpload = "files.completeUploadExternal";
    public const string OpenConnection = "apps.connections.open";

    /// <summary>How the upload of the file's bytes to Slack's <c>upload_url</c> is named in errors and logs.</summary>
    public const string FileUpload = "file upload";

    /// <summary>The name errors use for an answer sent to a delivery's <c>response_url</c>.</summary>
    public const string ResponseUrl = "response_url";

    /// <summary>Points <paramref name="client"/> at <see cref="SlackOptions.ApiBaseUrl"/> with <see cref="SlackOptions.RequestTimeout"/>.</summary>
    public static void Configure(HttpClient client, SlackOptions settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = settings.ApiBaseUrl.EndsWith('/') ? settings.ApiBaseUrl : settings.ApiBaseUrl + "/";
        client.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
        client.Timeout = settings.RequestTimeout;
    }

    public async Task<SlackPosted> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = BotToken(PostMessage);
        var body = Json(MessageBody(message, message.ThreadTs));
        JsonObject answer;
        using (await pacer.WaitTurnAsync(message.Channel, cancellationToken).ConfigureAwait(false))
        {
            answer = await CallAsync(PostMessage, body, token, message.Channel, cancellationToken).ConfigureAwait(false);
        }

        return new SlackPosted(SlackAnswer.String(answer, "channel") ?? message.Channel, SlackAnswer.Required(PostMessage, answer, "ts"));
    }

    public async Task UpdateMessageAsync(string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ts);
        ArgumentNullException.ThrowIfNull(message);
        var body = MessageBody(message, threadTs: null);
        body["ts"] = ts;
        await CallAsync(Update, Json(body), BotToken(Update), message.Channel, cancellationToken).ConfigureAwait(false);
    }

    public async Task PostEphemeralAsync(string user, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(message);
        var body = MessageBody(message, message.ThreadTs);
        body["user"] = user;
        await CallAsync(PostEphemeral, Json(body), BotToken(PostEphemeral), message.Channel, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> UploadFileAsync(SlackFileUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var token = BotToken(GetUploadUrl);
        var fields = new Dictionary<string, string>
        {
            ["filename"] = upload.FileName,
            ["length"] = upload.Content.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(upload.AltText))
        {
            fields["alt_txt"] = upload.AltText;
        }

        var ticket = await CallAsync(GetUploadUrl, () => new FormUrlEncodedContent(fields), token, upload.Channel, cancellationToken).ConfigureAwait(false);
        var uploadUrl = SlackAnswer.RequiredUri(GetUploadUrl, ticket, "upload_url", "https", "http");
        var fileId = SlackAnswer.Required(GetUploadUrl, ticket, "file_id");

        var sent = await SendAsync(FileUpload, uploadUrl, () => Bytes(upload.Content), token, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            throw HttpFailure(FileUpload, sent, upload.Channel);
        }

        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = upload.Title }),
            ["channel_id"] = upload.Channel,
        };
        if (!string.IsNullOrEmpty(upload.ThreadTs))
        {
            complete["thread_ts"] = upload.ThreadTs;
        }

        if (!string.IsNullOrEmpty(upload.InitialComment))
        {
            complete["initial_comment"] = upload.InitialComment;
        }

        await CallAsync(CompleteUpload, Json(complete), token, upload.Channel, cancellationToken).ConfigureAwait(false);
        return fileId;
    }

    public async Task RespondAsync(Uri responseUrl, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        var body = new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text };
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(body)() };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new SlackApiException(ResponseUrl, $"http_{(int)response.StatusCode}", $"Slack refused the answer to a response_url (HTTP {(int)response.StatusCode}).");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new SlackApiException(ResponseUrl, "network", $"Could not reach Slack's response_url: {ex.HttpRequestError}.");
        }
    }

    public async Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var token = Token(OpenConnection, options.Value.AppToken, nameof(SlackOptions.AppToken));
        var answer = await CallAsync(OpenConnection, () => new FormUrlEncodedContent([]), token, channel: null, cancellationToken).ConfigureAwait(false);
        return SlackAnswer.RequiredUri(OpenConnection, answer, "url", "wss", "ws");
    }

    private static JsonObject MessageBody(SlackMessage message, string? threadTs)
    {
        var body = new JsonObject { ["channel"] = message.Channel, ["text"] = message.Text };
        if (message.Blocks is not null)
        {
            body["blocks"] = message.Blocks.DeepClone();
        }

        if (!string.IsNullOrEmpty(threadTs))
        {
            body["thread_ts"] = threadTs;
        }

        return body;
    }

    private static Func<HttpContent> Json(JsonObject body)
    {
        var text = body.ToJsonString();
        return () => new StringContent(text, Encoding.UTF8, "application/json");
    }

    private static ByteArrayContent Bytes(byte[] content)
    {
        var bytes = new ByteArrayContent(content);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return bytes;
    }

    private string BotToken(string method) => Token(method, options.Value.BotToken, nameof(SlackOptions.BotToken));

    private static string Token(string method, string? value, string setting) =>
        SlackOptions.Has(value)
            ? value!.Trim()
            : throw new SlackApiException(method, "not_configured", $"Cannot call {method}: {SlackOptions.Section}:{setting} is not set.");
}
