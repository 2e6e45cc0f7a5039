using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Sorts what the Kubernetes API answered, and turns it into sentences fit for chat (a Status message, never a stack).</summary>
internal static class KubernetesErrors
{
    public static bool IsNotFound(Exception ex) => Status(ex) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception ex) => Status(ex) == HttpStatusCode.Conflict;

    public static HttpStatusCode? Status(Exception ex) => (ex as HttpOperationException)?.Response?.StatusCode;

    /// <summary>What a read answered, or null when the object does not exist (404).</summary>
    public static async Task<T?> NullWhenMissingAsync<T>(Task<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// A failure on the way that another attempt may not meet: HTTP 5xx or 429, the connection refused or cut, or no
    /// answer within the request timeout (a cancellation the caller did not ask for).
    /// </summary>
    public static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpOperationException => Status(ex) is { } status && ((int)status >= 500 || status == HttpStatusCode.TooManyRequests),
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// The sentence for a call that failed for good after <paramref name="attempts"/> attempts, or null when the
    /// failure is not the API's (it is passed on as it is).
    /// </summary>
    public static string? Sentence(string doing, Exception ex, int attempts, CancellationToken cancellationToken)
    {
        var tries = attempts == 1 ? string.Empty : $" ({attempts} attempts)";
        return ex switch
        {
            HttpOperationException when IsTransient(ex, cancellationToken) => $"the Kubernetes API failed to {doing}{tries}: {Message((HttpOperationException)ex)}",
            HttpOperationException http => $"the Kubernetes API refused to {doing}: {Message(http)}",
            HttpRequestException request => $"the Kubernetes API could not be reached to {doing} ({request.HttpRequestError}){tries}.",
            IOException => $"the connection to the Kubernetes API broke off while trying to {doing}{tries}.",
            OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                $"the Kubernetes API did not answer in time to {doing}{tries}; each attempt waits up to Kubernetes:RequestTimeout.",
            _ => null,
        };
    }

    /// <summary>The message of the Status object the API sent, else the HTTP status.</summary>
    private static string Message(HttpOperationException ex)
    {
        var code = (int?)ex.Response?.StatusCode;
        try
        {
            if (ex.Response?.Content is { Length: > 0 } content)
            {
                using var json = JsonDocument.Parse(content);
                if (json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                {
                    return $"{text} (HTTP {code}).";
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status object: fall back to the HTTP status alone.
        }

        return $"HTTP {code} {ex.Response?.ReasonPhrase}.";
    }
}
