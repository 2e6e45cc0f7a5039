using System.Net;
using System.Text.Json;
using ChatOpsRelease.Commands.Ports;
using k8s.Autorest;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Turns what the Kubernetes API answered into sentences fit for chat (a Status message, never a stack).</summary>
internal static class KubernetesErrors
{
    public static bool IsNotFound(Exception ex) => Status(ex) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception ex) => Status(ex) == HttpStatusCode.Conflict;

    public static HttpStatusCode? Status(Exception ex) => (ex as HttpOperationException)?.Response?.StatusCode;

    /// <summary>Runs a call to the API, translating its failures into <see cref="ClusterException"/>.</summary>
    public static async Task<T> Translate<T>(string doing, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw new ClusterException($"the Kubernetes API refused to {doing}: {Message(ex)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ClusterException($"the Kubernetes API could not be reached to {doing} ({ex.HttpRequestError}).", ex);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw new ClusterException($"the Kubernetes API did not answer in time to {doing}.", ex);
        }
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
