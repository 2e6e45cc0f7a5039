using ChatOpsRelease.Bot.Chat.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

/// <summary>
/// Receives Slack's deliveries over Socket Mode: keeps one connection open (a fresh single-use address from
/// <c>apps.connections.open</c> for each), hands envelopes to <see cref="ISlackInbound"/> and acknowledges them.
/// When Slack asks for a refresh it opens the next connection before closing the old one; when the link is
/// disabled in the app settings it stops; after any other end it reconnects with a growing delay.
/// </summary>
internal sealed class SlackSocketModeService(
    ISlackApi api,
    ISlackInbound inbound,
    IOptions<SlackOptions> slack,
    IOptions<SlackSocketModeOptions> options,
    TimeProvider time,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    private const string Warning = "warning";
    private const string RefreshRequested = "refresh_requested";
    private const string LinkDisabled = "link_disabled";

    private readonly EnvelopeHandler _envelopes = new(inbound, logger);
    private int _opened;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(slack.Value.ReconnectDelay, options.Value.MaxReconnectDelay);
        SocketModeConnection? current = null;
        try
        {
            while (true)
            {
                current ??= await ConnectAsync(backoff, stoppingToken).ConfigureAwait(false);
                await Task.WhenAny(current.Completion, current.DisconnectRequested).WaitAsync(stoppingToken).ConfigureAwait(false);
                if (current.DisconnectRequested.IsCompleted)
                {
                    switch (await current.DisconnectRequested.ConfigureAwait(false))
                    {
                        case LinkDisabled:
                            SocketModeLog.LinkDisabled(logger, current.Number);
                            return;
                        case Warning or RefreshRequested:
                            if (await OpenReplacementAsync(current, stoppingToken).ConfigureAwait(false) is { } replacement)
                            {
                                await RetireAsync(current).ConfigureAwait(false);
                                SocketModeLog.Switched(logger, current.Number, replacement.Number);
                                current = replacement;
                                continue;
                            }

                            break; // Keep the old connection while it lasts.
                        default:
                            await current.CloseAsync().ConfigureAwait(false);
                            break;
                    }
                }

                var end = await current.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
                if (current.Hello.IsCompleted)
                {
                    backoff.Reset();
                }

                var delay = backoff.Next();
                SocketModeLog.ConnectionEnded(logger, end.Error, current.Number, end.Detail, delay);
                await RetireAsync(current).ConfigureAwait(false);
                current = null;
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The bot is stopping.
        }
        finally
        {
            if (current is not null)
            {
                await RetireAsync(current).ConfigureAwait(false);
            }

            SocketModeLog.Stopped(logger);
        }
    }

    /// <summary>Opens a connection, retrying with the backoff until one opens or the bot stops.</summary>
    private async Task<SocketModeConnection> ConnectAsync(ReconnectBackoff backoff, CancellationToken stoppingToken)
    {
        while (true)
        {
            var number = ++_opened;
            try
            {
                return await OpenAsync(number, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                SocketModeLog.OpenFailed(logger, exception, number, backoff.Failures, delay);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The next connection, reading and greeted by Slack; null (logged) when it could not be had.</summary>
    private async Task<SocketModeConnection?> OpenReplacementAsync(SocketModeConnection current, CancellationToken stoppingToken)
    {
        SocketModeConnection? next = null;
        try
        {
            next = await OpenAsync(++_opened, stoppingToken).ConfigureAwait(false);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var timeout = Task.Delay(options.Value.HelloTimeout, time, wait.Token);
            await Task.WhenAny(next.Hello, next.Completion, timeout).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            stoppingToken.ThrowIfCancellationRequested();
            if (next.Hello.IsCompleted)
            {
                return next;
            }

            var detail = next.Completion.IsCompleted ? next.Completion.Result.Detail : $"no hello within {options.Value.HelloTimeout}";
            SocketModeLog.ReplacementFailed(logger, null, current.Number, detail);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            SocketModeLog.ReplacementFailed(logger, exception, current.Number, exception.Message);
        }
        finally
        {
            if (next is not null && (!next.Hello.IsCompleted || stoppingToken.IsCancellationRequested))
            {
                await RetireAsync(next).ConfigureAwait(false);
            }
        }

        return null;
    }

    private async Task<SocketModeConnection> OpenAsync(int number, CancellationToken stoppingToken)
    {
        var url = await api.OpenSocketConnectionAsync(stoppingToken).ConfigureAwait(false);
        SocketModeLog.Connecting(logger, number, url.Host);
        var connection = await SocketModeConnection.ConnectAsync(url, number, _envelopes, options.Value, time, logger, stoppingToken).ConfigureAwait(false);
        connection.Start(stoppingToken);
        return connection;
    }

    private static async Task RetireAsync(SocketModeConnection connection)
    {
        await connection.CloseAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
