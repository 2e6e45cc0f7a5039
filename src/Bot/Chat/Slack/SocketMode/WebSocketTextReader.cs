using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>What one read from the socket gave: a whole text message, a message of another kind, or the peer's close.</summary>
internal readonly record struct WebSocketRead(WebSocketMessageType Type, string? Text)
{
    public bool IsClose => Type == WebSocketMessageType.Close;
}

/// <summary>Reads whole messages from a WebSocket, joining the fragments of one message until its end.</summary>
internal sealed class WebSocketTextReader(WebSocket socket, int maxMessageBytes) : IDisposable
{
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private readonly ArrayBufferWriter<byte> _message = new();

    /// <summary>The next message. Throws <see cref="InvalidDataException"/> when a message is larger than the limit.</summary>
    public async Task<WebSocketRead> ReadAsync(CancellationToken cancellationToken)
    {
        _message.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new WebSocketRead(WebSocketMessageType.Close, null);
            }

            if (_message.WrittenCount + result.Count > maxMessageBytes)
            {
                throw new InvalidDataException($"A message is larger than the limit of {maxMessageBytes} bytes.");
            }

            _message.Write(_buffer.AsSpan(0, result.Count));
            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text
                    ? new WebSocketRead(WebSocketMessageType.Text, Encoding.UTF8.GetString(_message.WrittenSpan))
                    : new WebSocketRead(result.MessageType, null);
            }
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
