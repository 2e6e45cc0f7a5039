using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// What <see cref="FakeSlack"/> answers when nothing was scripted: Slack's success shapes, and Slack's own error
/// codes for the mistakes a client could make (no token, the wrong kind of token, missing arguments, JSON where
/// Slack wants a form).
/// </summary>
internal sealed partial class FakeSlack
{
    /// <summary>The Web API methods the fake knows; others answer <c>unknown_method</c>.</summary>
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal)
    {
        "chat.postMessage", "chat.update", "chat.postEphemeral", "files.getUploadURLExternal", "files.completeUploadExternal", "apps.connections.open", UserGroupUsersMethod,
    };

    private int _lastMessage;

    private int _lastFile;

    private JsonObject Answer(FakeSlackCall call)
    {
        if (!Methods.Contains(call.Method))
        {
            return Refuse("unknown_method");
        }

        if (call.BearerToken is not { Length: > 0 } token)
        {
            return Refuse("not_authed");
        }

        var appToken = token.StartsWith("xapp-", StringComparison.Ordinal);
        if (appToken != (call.Method == "apps.connections.open"))
        {
            return Refuse("not_allowed_token_type");
        }

        return call.Method switch
        {
            "chat.postMessage" => Reply(MessageProblem(call), () => new()
            {
                ["ok"] = true, ["channel"] = call.Field("channel"), ["ts"] = NextTs(), ["message"] = new JsonObject { ["text"] = call.Field("text") },
            }),
            "chat.update" => Reply(MessageProblem(call) ?? Lacks(call, "ts", "message_not_found"), () => new()
            {
                ["ok"] = true, ["channel"] = call.Field("channel"), ["ts"] = call.Field("ts"), ["text"] = call.Field("text"),
            }),
            "chat.postEphemeral" => Reply(MessageProblem(call) ?? Lacks(call, "user", "user_not_in_channel"), () => new()
            {
                ["ok"] = true, ["message_ts"] = NextTs(),
            }),
            "files.getUploadURLExternal" => UploadUrl(call),
            "files.completeUploadExternal" => CompleteUpload(call),
            "apps.connections.open" => new() { ["ok"] = true, ["url"] = (NextSocketUrl?.Invoke() ?? SocketUrl).ToString() },
            UserGroupUsersMethod => UserGroupUsers(call),
            _ => Refuse("unknown_method"),
        };
    }

    private static JsonObject Reply(string? problem, Func<JsonObject> success) => problem is null ? success() : Refuse(problem);

    private static string? Lacks(FakeSlackCall call, string field, string error) => call.Field(field) is { Length: > 0 } ? null : error;

    private static string? MessageProblem(FakeSlackCall call) =>
        call.Field("channel") is not { Length: > 0 } ? "channel_not_found"
        : call.Field("text") is not { Length: > 0 } && call.Json?["blocks"] is null && call.Field("blocks") is null ? "no_text"
        : null;

    private JsonObject UploadUrl(FakeSlackCall call)
    {
        if (call.Form is null
            || call.Field("filename") is not { Length: > 0 }
            || !int.TryParse(call.Field("length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return Refuse("invalid_arguments");
        }

        var fileId = "F" + Interlocked.Increment(ref _lastFile).ToString("D8", CultureInfo.InvariantCulture);
        return new() { ["ok"] = true, ["upload_url"] = new Uri(BaseAddress, $"upload/{fileId}").ToString(), ["file_id"] = fileId };
    }

    private static JsonObject CompleteUpload(FakeSlackCall call)
    {
        if (call.Json?["files"] is not JsonArray { Count: > 0 } files || files.Any(file => file?["id"] is null))
        {
            return Refuse("invalid_arguments");
        }

        return new() { ["ok"] = true, ["files"] = files.DeepClone() };
    }

    /// <summary>Increasing fake timestamps: 1700000000.000100, 1700000000.000200, …</summary>
    private string NextTs()
    {
        var n = Interlocked.Increment(ref _lastMessage);
        return string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + (n / 10_000)}.{n % 10_000 * 100:D6}");
    }

    private static JsonObject Refuse(string error) => new() { ["ok"] = false, ["error"] = error };
}
