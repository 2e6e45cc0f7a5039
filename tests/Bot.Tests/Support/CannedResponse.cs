using Microsoft.AspNetCore.Http;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>An answer a loopback fake was told to give to its next matching request: status, body, headers, after a delay.</summary>
internal sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string> Headers, TimeSpan? Delay)
{
    public static CannedResponse Of(int status, string body, IDictionary<string, string>? headers, TimeSpan? delay) =>
        new(status, body, new Dictionary<string, string>(headers ?? new Dictionary<string, string>()), delay);

    /// <summary>Writes the answer (JSON unless the headers say otherwise); a request aborted during the delay gets nothing.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (!context.Response.Headers.ContainsKey("Content-Type"))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
        }

        await context.Response.WriteAsync(Body, context.RequestAborted);
    }
}
