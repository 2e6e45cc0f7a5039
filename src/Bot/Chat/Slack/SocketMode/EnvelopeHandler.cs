using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>
/// Hands an envelope's payload to <see cref="ISlackInbound"/> and builds its acknowledgement. A delivery that
/// fails is still acknowledged (without a payload): Slack's retry would fail the same way.
/// </summary>
internal sealed class EnvelopeHandler(ISlackInbound inbound, ILogger logger)
{
    /// <summary>The acknowledgement to send. Throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<JsonObject> HandleAsync(SocketModeFrame envelope, int connection, CancellationToken cancellationToken)
    {
        var id = envelope.EnvelopeId!;
        if (envelope.Payload is not { } payload)
        {
            SocketModeLog.EnvelopeWithoutPayload(logger, envelope.Type, id, connection);
            return SocketModeFrame.Ack(id, null);
        }

        SlackAck ack;
        try
        {
            ack = envelope.Type switch
            {
                SocketModeFrame.SlashCommands => await inbound.CommandAsync(SocketModeFrame.Fields(payload), cancellationToken).ConfigureAwait(false),
                SocketModeFrame.EventsApi => await inbound.EventAsync(payload, cancellationToken).ConfigureAwait(false),
                _ => await inbound.InteractionAsync(payload, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            SocketModeLog.EnvelopeFailed(logger, exception, envelope.Type, id, connection);
            return SocketModeFrame.Ack(id, null);
        }

        return SocketModeFrame.Ack(id, envelope.AcceptsResponsePayload ? ResponsePayload(envelope.Type, ack) : null);
    }

    /// <summary>
    /// The body of the acknowledgement; for a slash command, plain text becomes a message, as it would in an
    /// HTTP response.
    /// </summary>
    private static JsonObject? ResponsePayload(string type, SlackAck ack) =>
        ack.Body ?? (type == SocketModeFrame.SlashCommands && !string.IsNullOrEmpty(ack.Text) ? new JsonObject { ["text"] = ack.Text } : null);
}
