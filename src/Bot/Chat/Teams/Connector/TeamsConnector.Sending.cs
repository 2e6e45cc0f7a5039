using System.Text;
using Polly;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>One connector call: a token, the request, retries through <see cref="ConnectorRetries"/>, and the failure if it still fails.</summary>
internal sealed partial class TeamsConnector
{
    /// <summary>The most of the connector's error message put into an exception.</summary>
    private const int MaxDetailLength = 300;

    /// <summary>Makes <paramref name="call"/> (retrying where <see cref="ConnectorRetries"/> says) and returns its successful answer.</summary>
    private async Task<ConnectorAnswer> CallAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorRetries.CallKey, call);
        ConnectorAnswer answer;
        try
        {
            answer = await retries.Pipeline.ExecuteAsync(
                static (context, state) => state.Self.SendOnceAsync(state.Call, context.CancellationToken),
                context,
                (Self: this, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        return answer.IsSuccess ? answer : throw Failure(call, answer);
    }

    private async ValueTask<ConnectorAnswer> SendOnceAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(call.Method, call.Address) { Content = new StringContent(call.Body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var operationId = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
            return new ConnectorAnswer((int)response.StatusCode, body, RetryAfter(response), operationId);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNetworkFailed(logger, call.Operation, call.ConversationId, "no answer in time");
            throw new TeamsConnectorException(0, "network", $"Teams did not answer {call.Operation} in conversation {call.ConversationId} within {http.Timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            LogNetworkFailed(logger, call.Operation, call.ConversationId, ex.Message);
            throw new TeamsConnectorException(0, "network", $"Could not reach Teams for {call.Operation} in conversation {call.ConversationId}: {ex.Message}");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private TeamsConnectorException Failure(ConnectorCall call, ConnectorAnswer answer)
    {
        var (errorCode, errorMessage) = answer.Error();
        var code = errorCode ?? $"http_{answer.Status}";
        var detail = errorMessage is null ? "" : ": " + (errorMessage.Length > MaxDetailLength ? errorMessage[..MaxDetailLength] + "…" : errorMessage);
        var operationId = answer.OperationId ?? "-";
        if (answer.IsRetryable && retries.Retries > 0)
        {
            LogGaveUp(logger, call.Operation, call.ConversationId, answer.Status, code, retries.Retries, operationId);
            return new TeamsConnectorException(
                answer.Status, code, $"Teams still answered {call.Operation} in conversation {call.ConversationId} with HTTP {answer.Status} ({code}{detail}) after {retries.Retries} retries.");
        }

        LogFailed(logger, call.Operation, call.ConversationId, answer.Status, code, operationId);
        return new TeamsConnectorException(
            answer.Status, code, $"Teams answered {call.Operation} in conversation {call.ConversationId} with HTTP {answer.Status} ({code}{detail}).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams answered {Operation} in conversation {Conversation} with HTTP {Status} ({Code}); operation id {OperationId}")]
    private static partial void LogFailed(ILogger logger, string operation, string conversation, int status, string code, string operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams still answered {Operation} in conversation {Conversation} with HTTP {Status} ({Code}) after {Retries} retries; giving up; operation id {OperationId}")]
    private static partial void LogGaveUp(ILogger logger, string operation, string conversation, int status, string code, int retries, string operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Teams for {Operation} in conversation {Conversation}: {Reason}")]
    private static partial void LogNetworkFailed(ILogger logger, string operation, string conversation, string reason);
}
