using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>What the test sends on a connection, as Slack would.</summary>
internal sealed partial class FakeSocketConnection
{
    public Task SendHelloAsync(int numConnections = 1) => SendFrameAsync(SocketModeFrames.Hello(_server.AppId, numConnections));

    /// <summary>A <c>disconnect</c> frame: <c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>, or any other reason.</summary>
    public Task SendDisconnectAsync(string reason) => SendFrameAsync(SocketModeFrames.Disconnect(reason));

    /// <summary>Sends a <c>slash_commands</c> envelope (see <see cref="SlackPayloads.SlashCommand"/>); returns its envelope id.</summary>
    public Task<string> SendSlashCommandAsync(
        string text, string user = "U0TESTER", string channel = "C0RELEASES", string command = "/release", bool acceptsResponsePayload = true, string? userName = null) =>
        SendEnvelopeAsync("slash_commands", SlackPayloads.SlashCommand(text, user, channel, command, userName, responseUrlBase: _server.ResponseUrlBase), acceptsResponsePayload);

    /// <summary>Sends an <c>events_api</c> envelope with an <c>event_callback</c> (or an event to wrap in one); returns its envelope id.</summary>
    public Task<string> SendEventAsync(JsonObject eventCallback, int retryAttempt = 0) =>
        SendEnvelopeAsync("events_api", SlackPayloads.EventCallback(eventCallback), acceptsResponsePayload: false, extra: new JsonObject
        {
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryAttempt == 0 ? "" : "timeout",
        });

    /// <summary>Sends an <c>interactive</c> envelope (e.g. <see cref="SlackPayloads.BlockActions"/>); returns its envelope id.</summary>
    public Task<string> SendInteractiveAsync(JsonObject payload, bool acceptsResponsePayload = false) =>
        SendEnvelopeAsync("interactive", payload, acceptsResponsePayload);

    /// <summary>Sends an envelope of any type with a copy of <paramref name="payload"/>; returns its envelope id (a new one unless given).</summary>
    public async Task<string> SendEnvelopeAsync(string type, JsonObject payload, bool acceptsResponsePayload, string? envelopeId = null, JsonObject? extra = null, int fragments = 1)
    {
        envelopeId ??= Guid.NewGuid().ToString();
        await SendFrameAsync(SocketModeFrames.Envelope(envelopeId, type, payload, acceptsResponsePayload, extra), fragments);
        return envelopeId;
    }

    public Task SendFrameAsync(JsonObject frame, int fragments = 1) => SendTextAsync(frame.ToJsonString(), fragments);

    /// <summary>Sends text as one message split into <paramref name="fragments"/> WebSocket frames.</summary>
    public async Task SendTextAsync(string text, int fragments = 1)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var size = Math.Max(1, (bytes.Length + fragments - 1) / Math.Max(1, fragments));
        await _sendLock.WaitAsync();
        try
        {
            var offset = 0;
            bool last;
            do
            {
                var count = Math.Min(size, bytes.Length - offset);
                last = offset + count >= bytes.Length;
                await _socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, last, CancellationToken.None);
                offset += count;
            }
            while (!last);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
