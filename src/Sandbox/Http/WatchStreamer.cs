using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Selectors;
using ChatOpsRelease.Sandbox.Store;
using ChatOpsRelease.Sandbox.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>What a watch request asked for.</summary>
internal sealed record WatchRequest(
    ResourceType Type,
    string? Namespace,
    string? ResourceVersion,
    TimeSpan? Timeout,
    LabelSelector Labels,
    FieldSelector Fields,
    bool AsTable,
    string? IncludeObject);

/// <summary>
/// Streams a watch as newline-delimited <c>{"type":…,"object":…}</c> events over a chunked response.
/// Ends on timeoutSeconds, client disconnect, sandbox stop, or when the store closes the subscription.
/// </summary>
internal sealed class WatchStreamer(ObjectStore store, TimeProvider time, ILogger logger)
{
    public async Task StreamAsync(HttpContext context, WatchRequest request, CancellationToken stopping)
    {
        using var subscription = store.Watch(request.Type, request.Namespace, request.ResourceVersion);
        using var timeout = request.Timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, timeout.Token);
        var token = linked.Token;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        Log.WatchStarted(logger, request.Type.Plural, request.Namespace ?? "*", request.ResourceVersion ?? "");
        try
        {
            await response.StartAsync(token);
            foreach (var e in subscription.Initial)
            {
                await WriteAsync(response, request, e, token);
            }

            await response.Body.FlushAsync(token);
            while (await subscription.Events.WaitToReadAsync(token))
            {
                while (subscription.Events.TryRead(out var e))
                {
                    await WriteAsync(response, request, e, token);
                }

                await response.Body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Timeout, client gone or sandbox stopping: the watch simply ends.
        }
        catch (IOException)
        {
            // The client went away mid-write.
        }

        Log.WatchEnded(logger, request.Type.Plural, request.Namespace ?? "*");
    }

    private async Task WriteAsync(HttpResponse response, WatchRequest request, StoreEvent e, CancellationToken token)
    {
        if (Translate(e, request) is not { } type)
        {
            return;
        }

        var obj = request.AsTable
            ? TableBuilder.Build(request.Type, [(JsonObject)JsonNode.Parse(e.Json)!], null, request.IncludeObject, time.GetUtcNow()).ToWire()
            : e.Json;
        var line = new StringBuilder(obj.Length + 32).Append("{\"type\":\"").Append(type).Append("\",\"object\":").Append(obj).Append("}\n");
        await response.WriteAsync(line.ToString(), Encoding.UTF8, token);
    }

    /// <summary>
    /// The event type this watcher sees: an update that moves an object into or out of the selection
    /// becomes ADDED or DELETED, as with a real API server; null when the watcher should not see it.
    /// </summary>
    private static string? Translate(StoreEvent e, WatchRequest request)
    {
        var now = e.Facts.Matches(request.Labels, request.Fields);
        if (e.Type != StoreEvent.Modified || e.Previous is null)
        {
            return now ? e.Type : null;
        }

        var before = e.Previous.Matches(request.Labels, request.Fields);
        return (before, now) switch
        {
            (true, true) => StoreEvent.Modified,
            (false, true) => StoreEvent.Added,
            (true, false) => StoreEvent.Deleted,
            _ => null,
        };
    }
}
