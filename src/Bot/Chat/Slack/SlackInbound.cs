using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Turns verified Slack deliveries into chat requests: records each in the inbox (once per delivery id) and hands
/// it to the worker. Returns at once with what Slack should be told.
/// </summary>
internal sealed partial class SlackInbound(
    IChatInbox inbox,
    [FromKeyedServices(SlackInbound.Platform)] ChatWorker worker,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInbound> logger) : ISlackInbound
{
    public const string Platform = "slack";

    public async Task<SlackAck> CommandAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var command = fields.GetValueOrDefault("command");
        if (!string.Equals(command, options.Value.CommandName, StringComparison.OrdinalIgnoreCase))
        {
            return new SlackAck(Text: $"I answer {options.Value.CommandName}, not {command}.");
        }

        if (fields.GetValueOrDefault("user_id") is not { Length: > 0 } user || fields.GetValueOrDefault("channel_id") is not { Length: > 0 } channel)
        {
            LogIgnored(logger, "slash command", "no user or channel");
            return SlackAck.Empty;
        }

        var text = fields.GetValueOrDefault("text") is { Length: > 0 } words ? words : "help";
        var id = fields.GetValueOrDefault("trigger_id") is { Length: > 0 } trigger ? trigger : Guid.NewGuid().ToString("N");
        var request = new ChatRequest(text, Person(user, fields.GetValueOrDefault("user_name")), new ConversationRef(Platform, channel));
        await AcceptAsync($"slack:command:{id}", "command", request, cancellationToken, fields.GetValueOrDefault("response_url")).ConfigureAwait(false);
        return SlackAck.Empty;
    }

    public async Task<SlackAck> EventAsync(JsonObject envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch ((string?)envelope["type"])
        {
            case "url_verification":
                return new SlackAck(Body: new JsonObject { ["challenge"] = (string?)envelope["challenge"] });
            case "event_callback" when envelope["event"] is JsonObject message && Read(message) is { } read:
                var eventId = (string?)envelope["event_id"] ?? Guid.NewGuid().ToString("N");
                await AcceptAsync($"slack:event:{eventId}", read.Source, read.Request, cancellationToken).ConfigureAwait(false);
                return SlackAck.Empty;
            default:
                return SlackAck.Empty;
        }
    }

    public async Task<SlackAck> InteractionAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if ((string?)payload["type"] != "block_actions" || payload["actions"] is not JsonArray { Count: > 0 } actions)
        {
            return SlackAck.Empty;
        }

        var action = actions[0];
        var value = SlackBlocks.ButtonValue.Parse((string?)action?["value"]);
        var user = (string?)payload["user"]?["id"];
        var channel = (string?)payload["channel"]?["id"] ?? (string?)payload["container"]?["channel_id"];
        var message = (string?)payload["container"]?["message_ts"] ?? (string?)payload["message"]?["ts"];
        if (value is null || user is null || channel is null || message is null)
        {
            LogIgnored(logger, "button click", "not one of this bot's buttons");
            return SlackAck.Empty;
        }

        var name = (string?)payload["user"]?["username"] ?? (string?)payload["user"]?["name"];
        // A card posted as a reply (a decision card) answers in its thread; a release card is the thread's top.
        var thread = (string?)payload["container"]?["thread_ts"] ?? (string?)payload["message"]?["thread_ts"] ?? message;
        var request = new ChatRequest(value.C, Person(user, name), new ConversationRef(Platform, channel, thread)) { Guard = value.Guard };
        await AcceptAsync($"slack:button:{channel}:{message}:{(string?)action?["action_id"]}:{user}:{value.V}", "button", request, cancellationToken,
            (string?)payload["response_url"]).ConfigureAwait(false);
        return SlackAck.Empty;
    }

    /// <summary>An app mention (in a channel) or a direct message, from a person; null for anything else.</summary>
    private static (string Source, ChatRequest Request)? Read(JsonObject message)
    {
        if (message["bot_id"] is not null || message["subtype"] is not null || (string?)message["user"] is not { } user
            || (string?)message["channel"] is not { } channel)
        {
            return null;
        }

        var text = Mentions().Replace((string?)message["text"] ?? string.Empty, string.Empty).Trim();
        var thread = (string?)message["thread_ts"];
        return (string?)message["type"] switch
        {
            "app_mention" => ("mention", new ChatRequest(Nonempty(text), Person(user, null), new ConversationRef(Platform, channel, thread ?? (string?)message["ts"]))),
            "message" when (string?)message["channel_type"] == "im" => ("dm", new ChatRequest(Nonempty(text), Person(user, null), new ConversationRef(Platform, channel, thread))),
            _ => null,
        };
    }

    private async Task AcceptAsync(string id, string source, ChatRequest request, CancellationToken cancellationToken, string? responseUrl = null)
    {
        var delivery = new InboundDelivery(id, Platform, source, request, time.GetUtcNow()) { ResponseUrl = responseUrl };
        if (await inbox.TryAddAsync(delivery, cancellationToken).ConfigureAwait(false))
        {
            worker.Enqueue(delivery);
        }
        else
        {
            LogDuplicate(logger, id);
        }
    }

    private static Actor Person(string id, string? name) => new(Platform, id, string.IsNullOrWhiteSpace(name) ? id : name);

    private static string Nonempty(string text) => text.Length == 0 ? "help" : text;

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mentions();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack delivery {Id} arrived again; it was acted on once already")]
    private static partial void LogDuplicate(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a Slack {What}: {Why}")]
    private static partial void LogIgnored(ILogger logger, string what, string why);
}
