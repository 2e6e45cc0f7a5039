using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The frames Slack sends in Socket Mode, shaped as in Slack's documentation.</summary>
internal static class SocketModeFrames
{
    public static JsonObject Hello(string appId, int numConnections) => new()
    {
        ["type"] = "hello",
        ["num_connections"] = numConnections,
        ["debug_info"] = new JsonObject { ["host"] = "applink-fake", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
        ["connection_info"] = new JsonObject { ["app_id"] = appId },
    };

    public static JsonObject Disconnect(string reason) => new()
    {
        ["type"] = "disconnect",
        ["reason"] = reason,
        ["debug_info"] = new JsonObject { ["host"] = "applink-fake" },
    };

    /// <summary>An envelope around a copy of <paramref name="payload"/>, with any <paramref name="extra"/> fields (e.g. <c>retry_attempt</c>).</summary>
    public static JsonObject Envelope(string envelopeId, string type, JsonObject payload, bool acceptsResponsePayload, JsonObject? extra = null)
    {
        var envelope = new JsonObject { ["envelope_id"] = envelopeId, ["type"] = type, ["payload"] = payload.DeepClone() };
        foreach (var (name, value) in extra ?? [])
        {
            envelope[name] = value?.DeepClone();
        }

        envelope["accepts_response_payload"] = acceptsResponsePayload;
        return envelope;
    }
}
