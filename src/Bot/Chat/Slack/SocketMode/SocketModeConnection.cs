using System.Globalization;
using System.Net.WebSockets;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>How a connection ended, for the log: the close handshake's status, or the failure.</summary>
internal sealed record ConnectionEnd(string Detail, Exception? Error = null);

/// <summary>
/// One Socket Mode WebSocket. Its reader hands each envelope to a task of its own and sends the acknowledgements
/// one at a time. Closing stops taking new envelopes, lets those in hand be acknowledged, then completes the
/// close handshake; envelopes that arrive after that are left for Slack to deliver again on another connection.
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly EnvelopeHandler _envelopes;
    private readonly SlackSocketModeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebSocketSender _sender;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly InFlightEnvelopes _inFlight = new();
    private Task<ConnectionEnd>? _reading;

    private SocketModeConnection(int number, ClientWebSocket socket, EnvelopeHandler envelopes, SlackSocketModeOptions options, TimeProvider time, ILogger logger)
    {
        Number = number;
        _socket = socket;
        _sender = new WebSocketSender(socket);
        _envelopes = envelopes;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Counts the connections the service opened, for the logs.</summary>
    public int Number { get; }

    /// <summary>Completes when Slack said hello: the connection receives deliveries.</summary>
    public Task Hello => _hello.Task;

    /// <summary>Completes with the reason of the first <c>disconnect</c> frame.</summary>
    public Task<string> DisconnectRequested => _disconnect.Task;

    /// <summary>Completes (never faults) when the reader stopped: the socket is closed or lost.</summary>
    public Task<ConnectionEnd> Completion => _reading ?? throw new InvalidOperationException("The connection is not started.");

    public static async Task<SocketModeConnection> ConnectAsync(
        Uri url, int number, EnvelopeHandler envelopes, SlackSocketModeOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Opening the Socket Mode WebSocket to {url.Host} took longer than {options.ConnectTimeout}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketModeConnection(number, socket, envelopes, options, time, logger);
    }

    /// <summary>Starts reading; envelopes are delivered with <paramref name="stoppingToken"/>.</summary>
    public void Start(CancellationToken stoppingToken) => _reading = Task.Run(() => ReadAsync(stoppingToken), CancellationToken.None);

    /// <summary>Closes gracefully within the close timeout, else aborts. Never throws.</summary>
    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        if (await FinishAsync(timeout.Token).ConfigureAwait(false) && _reading is not null)
        {
            try
            {
                await _reading.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                SocketModeLog.CloseIncomplete(_logger, Number, "Slack did not answer the close");
            }
        }

        await _abort.CancelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        if (_reading is not null)
        {
            await _reading.ConfigureAwait(false);
        }

        _socket.Dispose();
    }

    private async Task<ConnectionEnd> ReadAsync(CancellationToken stoppingToken)
    {
        using var reader = new WebSocketTextReader(_socket, _options.MaxFrameBytes);
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(_abort.Token).ConfigureAwait(false);
                if (read.IsClose)
                {
                    return await AnswerCloseAsync().ConfigureAwait(false);
                }

                if (read.Text is null)
                {
                    SocketModeLog.UnknownFrame(_logger, read.Type.ToString(), Number);
                    continue;
                }

                Dispatch(read.Text, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            return new ConnectionEnd("aborted");
        }
        catch (Exception exception) when (exception is WebSocketException or InvalidDataException or ObjectDisposedException)
        {
            return new ConnectionEnd(exception.Message, exception);
        }
    }

    /// <summary>The peer's close frame arrived (or answered ours).</summary>
    private async Task<ConnectionEnd> AnswerCloseAsync()
    {
        var detail = $"closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}".TrimEnd();
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        await FinishAsync(timeout.Token).ConfigureAwait(false);
        return new ConnectionEnd(detail);
    }

    /// <summary>
    /// Takes no more envelopes, lets those in hand be acknowledged, then sends the close frame (unless sent).
    /// False (logged) when that did not finish in time or the socket failed.
    /// </summary>
    private async Task<bool> FinishAsync(CancellationToken timeout)
    {
        try
        {
            await _inFlight.StopTakingAsync().WaitAsync(timeout).ConfigureAwait(false);
            await _sender.CloseAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            SocketModeLog.CloseIncomplete(_logger, Number, exception.Message);
            return false;
        }
    }

    private void Dispatch(string text, CancellationToken stoppingToken)
    {
        if (SocketModeFrame.Parse(text) is not { } frame)
        {
            SocketModeLog.NotJson(_logger, Number, text.Length);
            return;
        }

        if (frame.IsEnvelope)
        {
            if (_inFlight.TryTake())
            {
                _ = Task.Run(() => HandleEnvelopeAsync(frame, stoppingToken), CancellationToken.None);
            }
            else
            {
                SocketModeLog.EnvelopeWhileClosing(_logger, frame.Type, frame.EnvelopeId!, Number);
            }

            return;
        }

        switch (frame.Type)
        {
            case SocketModeFrame.Hello:
                SocketModeLog.Hello(_logger, Number, frame.AppId ?? "?", frame.NumConnections?.ToString(CultureInfo.InvariantCulture) ?? "?");
                _hello.TrySetResult();
                break;
            case SocketModeFrame.Disconnect:
                SocketModeLog.DisconnectFrame(_logger, Number, frame.Reason);
                _disconnect.TrySetResult(frame.Reason);
                break;
            default:
                SocketModeLog.UnknownFrame(_logger, frame.Type, Number);
                break;
        }
    }

    private async Task HandleEnvelopeAsync(SocketModeFrame envelope, CancellationToken stoppingToken)
    {
        try
        {
            var ack = await _envelopes.HandleAsync(envelope, Number, stoppingToken).ConfigureAwait(false);
            await _sender.SendAsync(ack, _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || _abort.IsCancellationRequested)
        {
            SocketModeLog.EnvelopeNotAcknowledged(_logger, envelope.EnvelopeId!, Number, "the bot is stopping");
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            SocketModeLog.EnvelopeNotAcknowledged(_logger, envelope.EnvelopeId!, Number, exception.Message);
        }
        finally
        {
            _inFlight.Done();
        }
    }
}
