using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>One search's answer: the response, or why there is none (a sentence for the "no data" reason).</summary>
internal sealed record ElasticsearchAnswer(SearchResponse<object>? Response, string? Failure);

/// <summary>
/// Sends searches with the official client and turns what goes wrong into sentences: no answer (down, a timeout, a
/// server that does not say it is Elasticsearch), an HTTP error, or a refusal with Elasticsearch's own error.
/// </summary>
internal sealed partial class ElasticsearchSearcher(Func<ElasticsearchClient> newClient, IOptions<ElasticsearchOptions> options, ILogger<ElasticsearchSearcher> logger)
    : IDisposable
{
    /// <summary>
    /// The client; replaced after it refused the server as "not Elasticsearch", because the client decides that once
    /// (on its first successful answer) and then refuses every later request without sending it.
    /// </summary>
    private ElasticsearchClient? _client;

    public async Task<ElasticsearchAnswer> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        SearchResponse<object> response;
        var client = _client ??= newClient();
        try
        {
            response = await client.SearchAsync<object>(request, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedProductException)
        {
            Interlocked.CompareExchange(ref _client, null, client);
            return NoAnswer(settings, "the server did not say it is Elasticsearch (no X-Elastic-Product header; a proxy may drop it)");
        }
        catch (TransportException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return NoAnswer(settings, Reason(ex, settings.Timeout));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return response.IsValidResponse ? new ElasticsearchAnswer(response, null) : Failed(response, settings);
    }

    /// <summary>Closes the client's connections.</summary>
    public void Dispose() => (Interlocked.Exchange(ref _client, null)?.ElasticsearchClientSettings as IDisposable)?.Dispose();

    /// <summary>A search that failed: no answer, an HTTP error without Elasticsearch's error body, or a refusal with one.</summary>
    private ElasticsearchAnswer Failed(ElasticsearchResponse response, ElasticsearchOptions settings)
    {
        var details = response.ApiCallDetails;
        if (details?.HttpStatusCode is not { } status)
        {
            return NoAnswer(settings, details?.OriginalException is { } ex ? Reason(ex, settings.Timeout) : "no response");
        }

        if (ServerError(response.ElasticsearchServerError) is not { } error)
        {
            return NoAnswer(settings, $"HTTP {status}");
        }

        LogRefused(logger, settings.Url!, status, error);
        return new ElasticsearchAnswer(null, $"Elasticsearch at {settings.Url} refused the search of {settings.IndexPattern}: {error}");
    }

    private ElasticsearchAnswer NoAnswer(ElasticsearchOptions settings, string reason)
    {
        LogUnreachable(logger, settings.Url!, reason);
        return new ElasticsearchAnswer(null, $"Elasticsearch at {settings.Url} did not answer: {reason}");
    }

    /// <summary>"type: reason", with the first root cause when it says more.</summary>
    private static string? ServerError(ElasticsearchServerError? serverError)
    {
        if (serverError?.Error is not { } error || (error.Type is null && error.Reason is null))
        {
            return null;
        }

        var text = $"{error.Type}: {error.Reason}";
        var root = error.RootCause?.FirstOrDefault();
        return root is not null && root.Reason != error.Reason ? $"{text} ({root.Type}: {root.Reason})" : text;
    }

    /// <summary>Why no answer came: the innermost message, or the timeout.</summary>
    private static string Reason(Exception exception, TimeSpan timeout)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return exception is OperationCanceledException || inner is TimeoutException or OperationCanceledException
            ? $"no answer within {timeout.TotalSeconds:0.###} s"
            : inner.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch at {Url} did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch at {Url} refused a search with HTTP {Status}: {Error}")]
    private static partial void LogRefused(ILogger logger, string url, int status, string error);
}
