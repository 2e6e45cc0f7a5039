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
            return new SlackAck(Text: $"I answer {options.Value.CommandName}, not {SlackText.Escape(SlackText.Limit(command ?? "nothing", 40))}.");
        }

        if (fields.GetValueOrDefault("user_id") is not { Length: > 0 } user || fields.GetValueOrDefault("channel_id") is not { Length: > 0 } channel)
        {
            LogIgnored(logger, "slash command", "no user or channel");
            return SlackAck.Empty;
        }

        var text = fields.GetValueOrDefault("text") is { Length: > 0 } words ? SlackText.Unescape(words) : "help";
        var id = fields.GetValueOrDefault("trigger_id") is { Length: > 0 } trigger ? trigger : Guid.NewGuid().ToString("N");
        var request = new ChatRequest(text, Person(user, fields.GetValueOrDefault("user_name")), new ConversationRef(Platform, channel));
        await AcceptAsync($"slack:command:{id}", "command", request, cancellationToken, fields.GetValueOrDefault("response_url")).ConfigureAwait(false);
        return SlackAck.Empty;
    }

    public async Task<SlackAck> EventAsync(JsonObject envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (JsonFields.Text(envelope, "type"))
        {
            case "url_verification":
                return new SlackAck(Body: new JsonObject { ["challenge"] = JsonFields.Text(envelope, "challenge") });
            case "event_callback" when envelope["event"] is JsonObject message && Read(message) is { } read:
                var eventId = JsonFields.Text(envelope, "event_id") ?? Guid.NewGuid().ToString("N");
                await AcceptAsync($"slack:event:{eventId}", read.Source, read.Request, cancellationToken).ConfigureAwait(false);
                return SlackAck.Empty;
            default:
                return SlackAck.Empty;
        }
    }

    public async Task<SlackAck> InteractionAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (JsonFields.Text(payload, "type") != "block_actions" || payload["actions"] is not JsonArray { Count: > 0 } actions)
        {
            return SlackAck.Empty;
        }

        var action = actions[0];
        var value = SlackBlocks.ButtonValue.Parse(JsonFields.Text(action, "value"));
        var user = JsonFields.Text(payload, "user", "id");
        var channel = JsonFields.Text(payload, "channel", "id") ?? JsonFields.Text(payload, "container", "channel_id");
        var message = JsonFields.Text(payload, "container", "message_ts") ?? JsonFields.Text(payload, "message", "ts");
        if (value is null || user is null || channel is null || message is null)
        {
            LogIgnored(logger, "button click", "not one of this bot's buttons");
            return SlackAck.Empty;
        }

        var name = JsonFields.Text(payload, "user", "username") ?? JsonFields.Text(payload, "user", "name");
        // A card posted as a reply (a decision card) answers in its thread; a release card is the thread's top.
        var thread = JsonFields.Text(payload, "container", "thread_ts") ?? JsonFields.Text(payload, "message", "thread_ts") ?? message;
        var request = new ChatRequest(value.C, Person(user, name), new ConversationRef(Platform, channel, thread)) { Guard = value.Guard };
        await AcceptAsync($"slack:button:{channel}:{message}:{JsonFields.Text(action, "action_id")}:{user}:{value.V}", "button", request, cancellationToken,
            JsonFields.Text(payload, "response_url")).ConfigureAwait(false);
        return SlackAck.Empty;
    }

    /// <summary>An app mention (in a channel) or a direct message, from a person; null for anything else.</summary>
    private static (string Source, ChatRequest Request)? Read(JsonObject message)
    {
        if (message["bot_id"] is not null || message["subtype"] is not null || JsonFields.Text(message, "user") is not { } user
            || JsonFields.Text(message, "channel") is not { } channel)
        {
            return null;
        }

        var text = SlackText.Unescape(Mentions().Replace(JsonFields.Text(message, "text") ?? string.Empty, string.Empty)).Trim();
        var thread = JsonFields.Text(message, "thread_ts");
        return JsonFields.Text(message, "type") switch
        {
            "app_mention" => ("mention", new ChatRequest(Nonempty(text), Person(user, null), new ConversationRef(Platform, channel, thread ?? JsonFields.Text(message, "ts")))),
            "message" when JsonFields.Text(message, "channel_type") == "im" => ("dm", new ChatRequest(Nonempty(text), Person(user, null), new ConversationRef(Platform, channel, thread))),
            _ => null,
        };
    }

    private async Task AcceptAsync(string id, string source, ChatRequest request, CancellationToken cancellationToken, string? responseUrl = null)
    {
        var delivery = new InboundDelivery(InboundText.Key(id), Platform, source, request, time.GetUtcNow()) { ResponseUrl = responseUrl };
        if (await inbox.TryAddAsync(delivery, cancellationToken).ConfigureAwait(false))
        {
            worker.Enqueue(delivery);
        }
        else
        {
            LogDuplicate(logger, id);
        }
    }

    private static Actor Person(string id, string? name)
    {
        var key = InboundText.Key(id);
        return new Actor(Platform, key, InboundText.Name(name) ?? key);
    }

    private static string Nonempty(string text) => text.Length == 0 ? "help" : text;

    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mentions();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack delivery {Id} arrived again; it was acted on once already")]
    private static partial void LogDuplicate(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a Slack {What}: {Why}")]
    private static partial void LogIgnored(ILogger logger, string what, string why);
}
