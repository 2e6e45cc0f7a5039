using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A loopback Slack Socket Mode server (Kestrel on 127.0.0.1, a free port). <see cref="NewConnectionUrl"/> hands
/// out single-use <c>ws://…/link/?ticket=n</c> addresses, as <c>apps.connections.open</c> does; each accepted
/// connection is greeted with <c>hello</c> (unless turned off) and recorded. The test sends Slack's frames on a
/// connection and waits, bounded, for the client's acknowledgements.
/// </summary>
/// <example>
/// <code>
/// await using var slack = await FakeSlackSocket.StartAsync();
/// // a fake ISlackApi returns slack.NewConnectionUrl() from OpenSocketConnectionAsync
/// var first = await slack.WaitForConnectionAsync(1);
/// var id = await first.SendSlashCommandAsync("deploy checkout v2.4.0", user: "U0ALICE");
/// var ack = await slack.WaitForAckAsync(id);
/// await first.SendDisconnectAsync("refresh_requested");
/// var second = await slack.WaitForConnectionAsync(2);
/// </code>
/// </example>
internal sealed class FakeSlackSocket : IAsyncDisposable
{
    /// <summary>How long the waits wait unless told otherwise.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<FakeSocketConnection> _connections = [];
    private readonly HashSet<string> _unusedTickets = [];
    private readonly List<string> _timeline = [];
    private WebApplication? _app;
    private int _tickets;
    private int _rejected;

    private FakeSlackSocket(bool sendHello) => SendHelloOnConnect = sendHello;

    /// <summary>The server's address, e.g. <c>ws://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("ws://127.0.0.1/");

    /// <summary>Greet each accepted connection with <c>hello</c>, as Slack does.</summary>
    public bool SendHelloOnConnect { get; set; }

    /// <summary>The app id in <c>hello</c> and in payloads.</summary>
    public string AppId { get; set; } = SlackPayloads.AppId;

    /// <summary>Where slash commands' <c>response_url</c> points.</summary>
    public string ResponseUrlBase { get; set; } = "https://hooks.slack.com/commands/";

    /// <summary>Signalled on every connection, frame and close; waits check their condition again.</summary>
    internal ChangeSignal Changes { get; } = new();

    /// <summary>What happened, in order: <c>connection 2 accepted</c>, <c>connection 1 closed by client</c>, <c>connection 3 dropped</c>.</summary>
    public IReadOnlyList<string> Timeline
    {
        get
        {
            lock (_gate)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>Connection attempts refused: an unknown or reused ticket, or not a WebSocket request.</summary>
    public int RejectedConnections => Volatile.Read(ref _rejected);

    /// <summary>The accepted connections, in order, each once it was greeted (when <see cref="SendHelloOnConnect"/>).</summary>
    public IReadOnlyList<FakeSocketConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Where(c => c.Greeted).ToList();
            }
        }
    }

    /// <summary>The newest connection that is still open.</summary>
    public FakeSocketConnection Current =>
        Connections.LastOrDefault(c => c.IsOpen) ?? throw new InvalidOperationException("No Socket Mode connection is open.");

    public static async Task<FakeSlackSocket> StartAsync(bool sendHello = true)
    {
        var server = new FakeSlackSocket(sendHello);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(server.AcceptAsync);
        await app.StartAsync();
        server._app = app;
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        server.BaseAddress = new UriBuilder(bound) { Scheme = "ws" }.Uri;
        return server;
    }

    /// <summary>A fresh single-use address, as <c>apps.connections.open</c> returns.</summary>
    public Uri NewConnectionUrl()
    {
        var ticket = $"fake-ticket-{Interlocked.Increment(ref _tickets)}";
        lock (_gate)
        {
            _unusedTickets.Add(ticket);
        }

        return new Uri(BaseAddress, $"link/?ticket={ticket}");
    }

    /// <summary>Waits until the <paramref name="number"/>th connection (1-based) was accepted.</summary>
    public Task<FakeSocketConnection> WaitForConnectionAsync(int number, TimeSpan? timeout = null) =>
        Changes.WaitForAsync(() => Connections.FirstOrDefault(c => c.Number == number), timeout ?? DefaultWait, $"Socket Mode connection {number}");

    /// <summary>Waits for the acknowledgement of <paramref name="envelopeId"/> on any connection.</summary>
    public Task<JsonObject> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null) =>
        Changes.WaitForAsync(() => AcksFor(envelopeId).FirstOrDefault(), timeout ?? DefaultWait, $"the ack of {envelopeId}");

    /// <summary>Every acknowledgement of <paramref name="envelopeId"/>, over all connections.</summary>
    public IReadOnlyList<JsonObject> AcksFor(string envelopeId) => Connections.SelectMany(c => c.AcksFor(envelopeId)).ToList();

    /// <summary>Sends a slash command on <see cref="Current"/>; returns its envelope id.</summary>
    public Task<string> SendSlashCommandAsync(
        string text, string user = "U0TESTER", string channel = "C0RELEASES", string command = "/release", bool acceptsResponsePayload = true, string? userName = null) =>
        Current.SendSlashCommandAsync(text, user, channel, command, acceptsResponsePayload, userName);

    /// <summary>Sends an Events API envelope on <see cref="Current"/>; returns its envelope id.</summary>
    public Task<string> SendEventAsync(JsonObject eventCallback) => Current.SendEventAsync(eventCallback);

    /// <summary>Sends an interactivity envelope on <see cref="Current"/>; returns its envelope id.</summary>
    public Task<string> SendInteractiveAsync(JsonObject payload, bool acceptsResponsePayload = false) =>
        Current.SendInteractiveAsync(payload, acceptsResponsePayload);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in Connections.Where(c => c.IsOpen))
        {
            connection.Abort();
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        if (context.Request.Path != "/link/" || !context.WebSockets.IsWebSocketRequest || !TryUseTicket(ticket))
        {
            Interlocked.Increment(ref _rejected);
            Changes.Notify();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        FakeSocketConnection connection;
        int open;
        lock (_gate)
        {
            connection = new FakeSocketConnection(_connections.Count + 1, ticket, socket, context, this);
            _connections.Add(connection);
            open = _connections.Count(c => c.IsOpen);
        }

        Note($"connection {connection.Number} accepted");
        var reading = connection.RunAsync();
        if (SendHelloOnConnect && !await TrySendHelloAsync(connection, open))
        {
            await reading;
            return;
        }

        lock (_gate)
        {
            connection.Greeted = true;
        }

        Changes.Notify();
        await reading;
    }

    private static async Task<bool> TrySendHelloAsync(FakeSocketConnection connection, int open)
    {
        try
        {
            await connection.SendHelloAsync(open);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    internal void Note(string entry)
    {
        lock (_gate)
        {
            _timeline.Add(entry);
        }

        Changes.Notify();
    }

    private bool TryUseTicket(string ticket)
    {
        lock (_gate)
        {
            return _unusedTickets.Remove(ticket);
        }
    }

    /// <summary>Neither waits for nor reacts to process signals: the server stops when the test disposes it.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
