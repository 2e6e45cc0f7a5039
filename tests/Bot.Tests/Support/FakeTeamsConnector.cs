using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A loopback Teams service URL (a real Kestrel server on 127.0.0.1) for the bot's real connector client: it answers
/// send, reply, update, delete and create-conversation like the Bot Framework Connector does, and is also the
/// Entra token endpoint MSAL asks for client-credential tokens (reach it through <see cref="CreateLoopbackHandler"/>,
/// as MSAL only accepts https authorities). It records every call in order, lets a test wait for calls, and can be
/// told to answer the next call differently (429 with Retry-After, 412, 502, 403 with an error body, a slow answer).
/// <code>
/// await using var teams = await FakeTeamsConnector.StartAsync();
/// services.AddTeamsConnector();
/// services.RouteTeamsTokensTo(teams);                   // MSAL's token requests go to the fake
/// trusted.Trust(teams.ServiceUrl.ToString());           // activities would carry this serviceUrl
/// teams.RateLimitNext(retryAfterSeconds: 2);
/// var sent = await teams.WaitForCallAsync(FakeTeamsOperation.Send, c => c.ConversationId == "19:abc@thread.tacv2");
/// </code>
/// </summary>
internal sealed partial class FakeTeamsConnector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly TimeProvider _time;

    private readonly Lock _gate = new();

    private readonly Dictionary<FakeTeamsOperation, Queue<CannedResponse>> _canned = [];

    /// <summary>Answers for the next activity call of any kind (<see cref="RespondNext"/> without an operation).</summary>
    private readonly Queue<CannedResponse> _cannedForAny = new();

    private long _lastActivity;

    private FakeTeamsConnector(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        app.Run(HandleAsync);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The service URL activities would carry: <c>http://127.0.0.1:41234/amer/</c> (a region path, like Teams').</summary>
    public Uri ServiceUrl => new(BaseAddress, "amer/");

    /// <summary>When set, connector calls without a token this fake issued are answered 401, like the Bot Framework does.</summary>
    public bool RequireToken { get; set; }

    /// <summary>Starts the server; <paramref name="time"/> stamps <see cref="FakeTeamsCall.At"/> (the system clock by default).</summary>
    public static async Task<FakeTeamsConnector> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var teams = new FakeTeamsConnector(builder.Build(), time ?? TimeProvider.System);
        try
        {
            await teams._app.StartAsync();
        }
        catch
        {
            await teams._app.DisposeAsync();
            throw;
        }

        var bound = teams._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        teams.BaseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return teams;
    }

    /// <summary>
    /// Answers the next call of <paramref name="operation"/> (by default: the next send, reply, update, delete or
    /// create-conversation) with this status, body and headers, after <paramref name="delay"/> if given. Answers queue
    /// up in order, those for a named operation first; the call is recorded all the same.
    /// </summary>
    public void RespondNext(int status, string body = "", IDictionary<string, string>? headers = null, TimeSpan? delay = null, FakeTeamsOperation? operation = null)
    {
        lock (_gate)
        {
            var queue = _cannedForAny;
            if (operation is { } named && !_canned.TryGetValue(named, out queue))
            {
                _canned[named] = queue = new Queue<CannedResponse>();
            }

            queue.Enqueue(CannedResponse.Of(status, body, headers, delay));
        }
    }

    /// <summary>The next activity call gets <paramref name="status"/> with the connector's error body <c>{"error":{"code","message"}}</c>.</summary>
    public void FailNext(int status, string code, string message = "", FakeTeamsOperation? operation = null) =>
        RespondNext(status, ErrorBody(code, message).ToJsonString(), operation: operation);

    /// <summary>The next activity call gets HTTP 429, with <c>Retry-After</c> unless it is null.</summary>
    public void RateLimitNext(int? retryAfterSeconds = 1, FakeTeamsOperation? operation = null) =>
        RespondNext(
            StatusCodes.Status429TooManyRequests,
            ErrorBody("TooManyRequests", "Too many requests.").ToJsonString(),
            retryAfterSeconds is { } seconds ? new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) } : null,
            operation: operation);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private static JsonObject ErrorBody(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private async Task HandleAsync(HttpContext context)
    {
        var route = FakeTeamsRoute.Of(context.Request.Method, FakeTeamsCall.RawPath(context.Request));
        var call = await FakeTeamsCall.ReadAsync(context.Request, route, _time.GetUtcNow());
        Record(call);
        if (TakeCanned(route.Operation) is { } canned)
        {
            await canned.WriteAsync(context);
            return;
        }

        var (status, answer) = route.Operation switch
        {
            FakeTeamsOperation.Token => IssueToken(call),
            FakeTeamsOperation.Discovery => (200, Discovery(context.Request.Query["authorization_endpoint"].ToString())),
            FakeTeamsOperation.Unknown => (404, ErrorBody("NotFound", $"The fake Teams service does not serve {call.HttpMethod} {call.Path}.")),
            _ when RequireToken && !IsIssued(call.BearerToken) => (401, new JsonObject { ["message"] = "Authorization has been denied for this request." }),
            _ => (200, ActivityAnswer(call)),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    /// <summary>New activities get increasing ids (<c>1700000000001</c>, …); an update answers the id it replaced; a new conversation gets <c>a:…</c>.</summary>
    private JsonObject ActivityAnswer(FakeTeamsCall call) => call.Operation switch
    {
        FakeTeamsOperation.Send or FakeTeamsOperation.Reply => new() { ["id"] = NextActivityId() },
        FakeTeamsOperation.Update => new() { ["id"] = call.ActivityId },
        FakeTeamsOperation.CreateConversation => new() { ["id"] = "a:" + NextActivityId() },
        _ => [],
    };

    private string NextActivityId() => (1_700_000_000_000 + Interlocked.Increment(ref _lastActivity)).ToString(CultureInfo.InvariantCulture);

    private CannedResponse? TakeCanned(FakeTeamsOperation operation)
    {
        lock (_gate)
        {
            if (_canned.TryGetValue(operation, out var named) && named.TryDequeue(out var next))
            {
                return next;
            }

            return IsActivityCall(operation) && _cannedForAny.TryDequeue(out var general) ? general : null;
        }
    }
}
