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
/// A loopback Slack Web API (a real Kestrel server on 127.0.0.1) for the bot's real client to talk to. It answers
/// the methods the bot uses like Slack does, records every call in order, lets a test wait for calls, and can be
/// told to answer the next call of a method differently (an error, a 429, a slow answer).
/// <code>
/// await using var slack = await FakeSlack.StartAsync();
/// // point Chat:Slack:ApiBaseUrl at slack.ApiBaseUrl, then act
/// slack.FailNext("chat.postMessage", "channel_not_found");
/// var post = await slack.WaitForCallAsync("chat.postMessage", c => c.Field("channel") == "C1");
/// </code>
/// </summary>
internal sealed partial class FakeSlack : IAsyncDisposable
{
    /// <summary>The <see cref="FakeSlackCall.Method"/> of a file's bytes POSTed to an <c>upload_url</c>.</summary>
    public const string UploadMethod = "upload";

    /// <summary>The method name recorded for answers posted to a <see cref="ResponseUrl"/>.</summary>
    public const string ResponseMethod = "response_url";

    private readonly WebApplication _app;

    private readonly TimeProvider _time;

    private readonly Lock _gate = new();

    private readonly Dictionary<string, Queue<CannedResponse>> _canned = new(StringComparer.Ordinal);

    private FakeSlack(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        app.Run(HandleAsync);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What to set <c>Chat:Slack:ApiBaseUrl</c> to: <c>http://127.0.0.1:41234/api/</c>.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "api/");

    /// <summary>The address <c>apps.connections.open</c> answers with (unless <see cref="NextSocketUrl"/> is set).</summary>
    public Uri SocketUrl { get; set; } = new("ws://127.0.0.1:9/socket-mode/link");

    /// <summary>An address on this fake that stands for a delivery's <c>response_url</c>.</summary>
    public Uri ResponseUrl(int n = 1) => new(BaseAddress, $"response/{n}");

    /// <summary>When set, asked for the address each time <c>apps.connections.open</c> is called (e.g. a fresh single-use ticket).</summary>
    public Func<Uri>? NextSocketUrl { get; set; }

    /// <summary>Starts the server; <paramref name="time"/> stamps <see cref="FakeSlackCall.At"/> (the system clock by default).</summary>
    public static async Task<FakeSlack> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var slack = new FakeSlack(builder.Build(), time ?? TimeProvider.System);
        try
        {
            await slack._app.StartAsync();
        }
        catch
        {
            await slack._app.DisposeAsync();
            throw;
        }

        var bound = slack._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        slack.BaseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return slack;
    }

    /// <summary>
    /// Answers the next call of <paramref name="method"/> (or <see cref="UploadMethod"/>) with this status, body and
    /// headers, after <paramref name="delay"/> if given. Responses queue up in order; the call is recorded all the same.
    /// </summary>
    public void RespondNext(string method, int status, string body, IDictionary<string, string>? headers = null, TimeSpan? delay = null)
    {
        lock (_gate)
        {
            if (!_canned.TryGetValue(method, out var queue))
            {
                _canned[method] = queue = new Queue<CannedResponse>();
            }

            queue.Enqueue(CannedResponse.Of(status, body, headers, delay));
        }
    }

    /// <summary>The next call of <paramref name="method"/> gets HTTP 200 <c>{"ok":false,"error":…}</c>.</summary>
    public void FailNext(string method, string error) =>
        RespondNext(method, 200, new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString());

    /// <summary>The next call of <paramref name="method"/> gets HTTP 429, with <c>Retry-After</c> unless it is null.</summary>
    public void RateLimitNext(string method, int? retryAfterSeconds = 1) =>
        RespondNext(
            method,
            StatusCodes.Status429TooManyRequests,
            """{"ok":false,"error":"ratelimited"}""",
            retryAfterSeconds is { } seconds ? new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = path.StartsWith("/api/", StringComparison.Ordinal) ? path["/api/".Length..]
            : path.StartsWith("/upload/", StringComparison.Ordinal) ? UploadMethod
            : path.StartsWith("/response/", StringComparison.Ordinal) ? ResponseMethod
            : null;
        if (method is null || !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var call = await FakeSlackCall.ReadAsync(context.Request, method, _time.GetUtcNow());
        Record(call);
        if (TakeCanned(method) is { } canned)
        {
            await canned.WriteAsync(context);
        }
        else if (method == ResponseMethod)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
        }
        else if (method == UploadMethod)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"OK - {call.RawBody.Length}", context.RequestAborted);
        }
        else
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(Answer(call).ToJsonString(), context.RequestAborted);
        }
    }

    private CannedResponse? TakeCanned(string method)
    {
        lock (_gate)
        {
            return _canned.TryGetValue(method, out var queue) && queue.TryDequeue(out var next) ? next : null;
        }
    }
}
