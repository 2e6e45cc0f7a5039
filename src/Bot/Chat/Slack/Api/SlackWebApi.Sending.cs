using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>One Web API call: send with the token in the header, retry HTTP 429 after <c>Retry-After</c>, read the answer.</summary>
internal sealed partial class SlackWebApi
{
    /// <summary>The wait after a 429 that carries no <c>Retry-After</c>.</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Calls <paramref name="method"/> and returns its answer when it says <c>ok: true</c>.</summary>
    private async Task<JsonObject> CallAsync(string method, Func<HttpContent> content, string token, string? channel, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(method, new Uri(method, UriKind.Relative), content, token, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            throw HttpFailure(method, sent, channel);
        }

        var answer = SlackAnswer.Parse(method, sent.Body);
        if (SlackAnswer.IsOk(answer))
        {
            return answer;
        }

        var error = SlackAnswer.Error(answer);
        if (channel is null)
        {
            LogRefused(logger, method, error);
        }
        else
        {
            LogRefusedIn(logger, method, channel, error);
        }

        throw new SlackApiException(method, error, SlackAnswer.RefusalMessage(method, error, answer));
    }

    /// <summary>POSTs to <paramref name="address"/>, retrying HTTP 429 up to <see cref="SlackOptions.RateLimitRetries"/> times.</summary>
    private async Task<HttpAnswer> SendAsync(string method, Uri address, Func<HttpContent> content, string token, CancellationToken cancellationToken)
    {
        var retries = Math.Max(0, options.Value.RateLimitRetries);
        for (var retry = 1; ; retry++)
        {
            var sent = await SendOnceAsync(method, address, content, token, cancellationToken).ConfigureAwait(false);
            if (sent.Status != HttpStatusCode.TooManyRequests)
            {
                return sent;
            }

            if (retry > retries)
            {
                LogGaveUp(logger, method, retries);
                throw new SlackApiException(method, "ratelimited", $"Slack rate-limited {method} and still did after {retries} retries.");
            }

            var wait = sent.RetryAfter ?? DefaultRetryAfter;
            LogRateLimited(logger, method, wait, retry, retries);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpAnswer> SendOnceAsync(string method, Uri address, Func<HttpContent> content, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new HttpAnswer(response.StatusCode, body, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNetworkFailed(logger, method, "no answer in time");
            throw new SlackApiException(method, "network", $"Slack did not answer {method} within {http.Timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            LogNetworkFailed(logger, method, ex.Message);
            throw new SlackApiException(method, "network", $"Could not reach Slack for {method}: {ex.Message}");
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

    private SlackApiException HttpFailure(string method, HttpAnswer sent, string? channel)
    {
        var status = (int)sent.Status;
        var slackError = SlackAnswer.TryParse(sent.Body) is { } answer ? SlackAnswer.String(answer, "error") : null;
        LogHttpFailed(logger, method, status, channel ?? "-");
        var message = $"Slack answered {method} with HTTP {status}" + (string.IsNullOrEmpty(slackError) ? "." : $" ({slackError}).");
        return new SlackApiException(method, $"http_{status}", message);
    }

    private readonly record struct HttpAnswer(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused {Method}: {Error}")]
    private static partial void LogRefused(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused {Method} in {Channel}: {Error}")]
    private static partial void LogRefusedIn(ILogger logger, string method, string channel, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack answered {Method} (channel {Channel}) with HTTP {Status}")]
    private static partial void LogHttpFailed(ILogger logger, string method, int status, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Slack for {Method}: {Reason}")]
    private static partial void LogNetworkFailed(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack rate-limited {Method}; waiting {Wait} before retry {Retry} of {Retries}")]
    private static partial void LogRateLimited(ILogger logger, string method, TimeSpan wait, int retry, int retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack still rate-limited {Method} after {Retries} retries; giving up")]
    private static partial void LogGaveUp(ILogger logger, string method, int retries);
}
