using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// One accepted Socket Mode connection of <see cref="FakeSlackSocket"/>: the test sends Slack's frames on it and
/// reads what the client sent back (acknowledgements), and can close it gracefully or drop it.
/// </summary>
internal sealed partial class FakeSocketConnection
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly FakeSlackSocket _server;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _received = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closeAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeSocketConnection(int number, string ticket, WebSocket socket, HttpContext context, FakeSlackSocket server)
    {
        Number = number;
        Ticket = ticket;
        _socket = socket;
        _context = context;
        _server = server;
    }

    /// <summary>1 for the first connection the server accepted, 2 for the next, …</summary>
    public int Number { get; }

    public string Ticket { get; }

    public bool IsOpen => !_ended.Task.IsCompleted;

    /// <summary>
    /// Answer the client's close frame at once (the default). When false the connection stays half-closed, so the
    /// test can still send frames the client receives after it asked to close; <see cref="CloseAsync"/> answers.
    /// </summary>
    public bool AnswerCloseAtOnce { get; set; } = true;

    /// <summary>Set once the server said hello (when it does): only then do tests see the connection.</summary>
    internal bool Greeted { get; set; }

    /// <summary>The status of the client's close frame; null while it sent none (also when the connection was dropped).</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    /// <summary>Completes when the connection is over, however it ended.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Every JSON frame the client sent, in order.</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The acknowledgements the client sent for <paramref name="envelopeId"/> on this connection.</summary>
    public IReadOnlyList<JsonObject> AcksFor(string envelopeId) => Received.Where(f => (string?)f["envelope_id"] == envelopeId).ToList();

    /// <summary>The client's acknowledgement of <paramref name="envelopeId"/> on this connection.</summary>
    public Task<JsonObject> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null) =>
        _server.Changes.WaitForAsync(() => AcksFor(envelopeId).FirstOrDefault(), timeout ?? FakeSlackSocket.DefaultWait, $"the ack of {envelopeId} on connection {Number}");

    /// <summary>Waits until the client sent a close frame; returns its status.</summary>
    public async Task<WebSocketCloseStatus> WaitForClientCloseAsync(TimeSpan? timeout = null)
    {
        await _server.Changes.WaitUntilAsync(() => ClientCloseStatus is not null, timeout ?? FakeSlackSocket.DefaultWait, $"the client to close connection {Number}");
        return ClientCloseStatus!.Value;
    }

    /// <summary>Starts the close handshake from the server's side; the client answers it.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(status, description, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }

        if (_socket.State == WebSocketState.Closed)
        {
            _closeAnswered.TrySetResult();
        }
    }

    /// <summary>Drops the TCP connection without a close handshake, as a network failure would.</summary>
    public void Abort() => _context.Abort();

    /// <summary>Reads the client's frames until the connection ends.</summary>
    internal async Task RunAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _context.RequestAborted);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ClientCloseStatus = _socket.CloseStatus ?? WebSocketCloseStatus.Empty;
                    _server.Note($"connection {Number} closed by client");
                    if (AnswerCloseAtOnce)
                    {
                        await AnswerCloseAsync();
                    }

                    await _closeAnswered.Task.WaitAsync(_context.RequestAborted);
                    return;
                }

                Record(buffer.WrittenSpan);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped: by Abort, by the client, or by the server stopping.
            _server.Note($"connection {Number} dropped");
        }
        finally
        {
            _ended.TrySetResult();
            _server.Changes.Notify();
        }
    }

    private void Record(ReadOnlySpan<byte> text)
    {
        JsonObject frame;
        try
        {
            frame = JsonNode.Parse(text) as JsonObject ?? Unparsed(text);
        }
        catch (JsonException)
        {
            frame = Unparsed(text);
        }

        lock (_gate)
        {
            _received.Add(frame);
        }

        _server.Changes.Notify();
    }

    /// <summary>A frame that is not a JSON object, kept as <c>{"unparsed": text}</c>.</summary>
    private static JsonObject Unparsed(ReadOnlySpan<byte> text) => new() { ["unparsed"] = Encoding.UTF8.GetString(text) };

    private async Task AnswerCloseAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }

        _closeAnswered.TrySetResult();
    }
}
