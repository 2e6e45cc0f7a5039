using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The payloads Slack puts in Socket Mode envelopes (and posts to the HTTP endpoints), with realistic fields.</summary>
internal static class SlackPayloads
{
    public const string TeamId = "T0FAKETEAM";
    public const string TeamDomain = "fake-team";
    public const string AppId = "A0FAKEAPP";

    /// <summary>The deprecated verification token Slack still sends; it is never checked.</summary>
    public const string VerificationToken = "fake-verification-token";

    private static int s_sequence;

    /// <summary>
    /// A slash command's fields as Slack sends them. <paramref name="responseUrlBase"/> is where
    /// <c>response_url</c> points (a loopback fake in tests that answer through it).
    /// </summary>
    public static JsonObject SlashCommand(
        string text, string user, string channel, string command = "/release", string? userName = null, string? channelName = null,
        string responseUrlBase = "https://hooks.slack.com/commands/")
    {
        var n = Next();
        return new JsonObject
        {
            ["token"] = VerificationToken,
            ["team_id"] = TeamId,
            ["team_domain"] = TeamDomain,
            ["channel_id"] = channel,
            ["channel_name"] = channelName ?? "releases",
            ["user_id"] = user,
            ["user_name"] = userName ?? user.ToLowerInvariant(),
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = AppId,
            ["is_enterprise_install"] = "false",
            ["response_url"] = $"{responseUrlBase.TrimEnd('/')}/{TeamId}/{n}/{Random(24)}",
            ["trigger_id"] = $"{n}.{n * 7}.{Random(32)}",
        };
    }

    /// <summary>
    /// An Events API <c>event_callback</c>. Given a whole callback, fills in what is missing; given just an
    /// event (its <c>type</c> is not <c>event_callback</c>), wraps it.
    /// </summary>
    public static JsonObject EventCallback(JsonObject eventOrCallback)
    {
        var callback = (JsonObject)eventOrCallback.DeepClone();
        if ((string?)callback["type"] != "event_callback")
        {
            callback = new JsonObject { ["type"] = "event_callback", ["event"] = callback };
        }

        var n = Next();
        callback["token"] ??= VerificationToken;
        callback["team_id"] ??= TeamId;
        callback["api_app_id"] ??= AppId;
        callback["event_id"] ??= $"Ev{n:D4}{Random(6).ToUpperInvariant()}";
        callback["event_time"] ??= TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        callback["authorizations"] ??= new JsonArray(new JsonObject { ["team_id"] = TeamId, ["user_id"] = "U0FAKEBOT", ["is_bot"] = true });
        return callback;
    }

    /// <summary>A <c>block_actions</c> payload: <paramref name="user"/> pressed the button <paramref name="actionId"/> with <paramref name="value"/>.</summary>
    public static JsonObject BlockActions(string actionId, string value, string user, string channel, string messageTs)
    {
        var n = Next();
        return new JsonObject
        {
            ["type"] = "block_actions",
            ["token"] = VerificationToken,
            ["api_app_id"] = AppId,
            ["team"] = new JsonObject { ["id"] = TeamId, ["domain"] = TeamDomain },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = TeamId },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "releases" },
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
            ["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["text"] = "" },
            ["trigger_id"] = $"{n}.{n * 7}.{Random(32)}",
            ["response_url"] = $"https://hooks.slack.com/actions/{TeamId}/{n}/{Random(24)}",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = actionId,
                ["block_id"] = "actions",
                ["value"] = value,
                ["action_ts"] = $"{TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()}.{n:D6}",
            }),
        };
    }

    private static int Next() => Interlocked.Increment(ref s_sequence);

    private static string Random(int length) =>
        Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())[..length];
}
