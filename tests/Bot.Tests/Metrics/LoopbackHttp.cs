using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsRelease.Bot.Tests.Metrics;

/// <summary>One request a <see cref="LoopbackHttp"/> received; <see cref="Body"/> is un-gzipped when it came compressed.</summary>
internal sealed record RecordedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>What a fake answers: status, body, content type and extra headers, after an optional delay.</summary>
internal sealed record CannedAnswer(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null);

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port, no configuration files read) that records every request
/// and answers with what <see cref="Answer"/> says.
/// </summary>
internal sealed class LoopbackHttp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly Lock _gate = new();

    private readonly List<RecordedRequest> _requests = [];

    private LoopbackHttp(WebApplication app, Func<RecordedRequest, CannedAnswer> answer)
    {
        _app = app;
        Answer = answer;
        app.Run(HandleAsync);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Func<RecordedRequest, CannedAnswer> Answer { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<LoopbackHttp> StartAsync(Func<RecordedRequest, CannedAnswer> answer)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var server = new LoopbackHttp(builder.Build(), answer);
        try
        {
            await server._app.StartAsync();
        }
        catch
        {
            await server._app.DisposeAsync();
            throw;
        }

        var bound = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    /// <summary>An address on which nothing listens any more (a server started and stopped).</summary>
    public static async Task<Uri> ClosedAddressAsync()
    {
        var server = await StartAsync(_ => new CannedAnswer(200, "{}"));
        var address = server.BaseAddress;
        await server.DisposeAsync();
        return address;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context.Request);
        lock (_gate)
        {
            _requests.Add(request);
        }

        var answer = Answer(request);
        if (answer.Delay is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (request.Method == HttpMethods.Head)
        {
            return;
        }

        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private static async Task<RecordedRequest> RecordAsync(HttpRequest request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Stream body = request.Body;
        if (headers.TryGetValue("Content-Encoding", out var encoding) && encoding.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(request.Body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, headers, text);
    }
}
