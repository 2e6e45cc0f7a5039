using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>Sends on a WebSocket one message at a time, as a WebSocket allows only one send in progress.</summary>
internal sealed class WebSocketSender(WebSocket socket)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Sends <paramref name="frame"/> as one text message. Cancelling aborts the socket.</summary>
    public async Task SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Sends the close frame (opening the handshake, or answering the peer's), unless one was sent already.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
