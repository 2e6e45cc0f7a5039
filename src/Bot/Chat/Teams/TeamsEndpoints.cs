using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Teams.Auth;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Commands.Ports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// <c>POST /api/messages</c>, the Bot Framework endpoint. Every request's Bearer token is checked before anything
/// else; a request that fails gets 401, an audit entry and nothing more. An authenticated activity's service URL is
/// the only kind the connector will send a token to.
/// </summary>
internal static partial class TeamsEndpoints
{
    private const int MaxBody = 1 << 20;

    public static WebApplication MapTeamsEndpoints(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPost("/api/messages", ReceiveAsync);
        return app;
    }

    private static async Task ReceiveAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoints));
        JsonObject? body;
        try
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBody;
            }

            body = await JsonNode.ParseAsync(http.Request.Body, documentOptions: JsonFields.Strict, cancellationToken: http.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        catch (BadHttpRequestException ex)
        {
            http.Response.StatusCode = ex.StatusCode; // 413 for a body over the limit
            return;
        }

        if (body is null || TeamsActivity.Read(body) is not { } activity)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var auth = await services.GetRequiredService<ITeamsAuthenticator>()
            .AuthenticateAsync(http.Request.Headers.Authorization, activity.ChannelId, activity.ServiceUrl, http.RequestAborted).ConfigureAwait(false);
        if (!auth.Authenticated)
        {
            await RefuseAsync(http, auth.Problem ?? "not authenticated", logger).ConfigureAwait(false);
            return;
        }

        services.GetRequiredService<ITrustedServiceUrls>().Trust(activity.ServiceUrl);
        var ack = await services.GetRequiredService<TeamsInbound>().ReceiveAsync(activity, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = ack.StatusCode;
        if (ack.Body is not null)
        {
            await http.Response.WriteAsJsonAsync(ack.Body, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task RefuseAsync(HttpContext http, string problem, ILogger logger)
    {
        var from = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        LogRefused(logger, from, problem);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await http.RequestServices.GetRequiredService<IAuditLog>().AppendAsync(
            new AuditEntry(now, $"unverified ({from})", TeamsActivity.Platform, null, null, "POST /api/messages", AuditOutcome.Refused, $"Refused: {problem}."),
            http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework request from {From}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string from, string problem);
}
