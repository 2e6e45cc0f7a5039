using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Ports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// <c>POST /slack/commands</c>, <c>/slack/events</c> and <c>/slack/interactions</c>. Each request's signature is
/// checked against its raw body before anything else; a forged or stale one gets 401, an audit entry and nothing more.
/// </summary>
internal static partial class SlackEndpoints
{
    private const int MaxBody = 1 << 20;

    public static WebApplication MapSlackEndpoints(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.HttpEnabled)
        {
            return app;
        }

        app.MapPost("/slack/commands", (HttpContext http) => ReceiveAsync(http, async (inbound, body, ct) =>
            await inbound.CommandAsync(Form(body), ct).ConfigureAwait(false)));
        app.MapPost("/slack/events", (HttpContext http) => ReceiveAsync(http, async (inbound, body, ct) =>
            JsonNode.Parse(body, documentOptions: JsonFields.Strict) is JsonObject envelope ? await inbound.EventAsync(envelope, ct).ConfigureAwait(false) : new SlackAck(400)));
        app.MapPost("/slack/interactions", (HttpContext http) => ReceiveAsync(http, async (inbound, body, ct) =>
            Form(body).GetValueOrDefault("payload") is { } payload && JsonFields.ParseObject(payload) is { } parsed
                ? await inbound.InteractionAsync(parsed, ct).ConfigureAwait(false)
                : new SlackAck(400)));
        return app;
    }

    private static async Task ReceiveAsync(HttpContext http, Func<ISlackInbound, byte[], CancellationToken, Task<SlackAck>> handle)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpoints));
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var secret = services.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (SlackSignature.Check(secret, http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body, now) is { } problem)
        {
            await RefuseAsync(http, problem, now, logger).ConfigureAwait(false);
            return;
        }

        SlackAck ack;
        try
        {
            ack = await handle(services.GetRequiredService<ISlackInbound>(), body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            ack = new SlackAck(StatusCodes.Status400BadRequest);
        }

        http.Response.StatusCode = ack.StatusCode;
        if (ack.Body is not null)
        {
            await http.Response.WriteAsJsonAsync(ack.Body, http.RequestAborted).ConfigureAwait(false);
        }
        else if (ack.Text is not null)
        {
            await http.Response.WriteAsync(ack.Text, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static async Task RefuseAsync(HttpContext http, string problem, DateTimeOffset now, ILogger logger)
    {
        var from = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        LogForged(logger, http.Request.Path, from, problem);
        var audit = http.RequestServices.GetRequiredService<IAuditLog>();
        await audit.AppendAsync(
            new AuditEntry(now, $"unverified ({from})", "slack", null, null, $"POST {http.Request.Path}", AuditOutcome.Refused, $"Refused: {problem}."),
            http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    private static Dictionary<string, string> Form(byte[] body) =>
        QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path} from {From}: {Problem}")]
    private static partial void LogForged(ILogger logger, string path, string from, string problem);
}
