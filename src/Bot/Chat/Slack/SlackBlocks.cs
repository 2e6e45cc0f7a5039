using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>
/// Draws cards in Block Kit: header, fields, context, and the buttons — a release card's next decisions, or a
/// decision card's answers (approve / reject, veto / postpone).
/// </summary>
internal static class SlackBlocks
{
    /// <summary>
    /// What a button carries back when clicked: the command it stands for and, on a release card, the release and the
    /// card revision (absent on a decision card, whose command itself refuses once decided).
    /// </summary>
    internal sealed record ButtonValue(string? R, int? V, string C)
    {
        /// <summary>The release card's promise, when the button is on one.</summary>
        [JsonIgnore]
        public CardGuard? Guard => R is { } release && V is { } revision ? new CardGuard(release, revision) : null;

        public static ButtonValue? Parse(string? value)
        {
            try
            {
                return value is null ? null : JsonSerializer.Deserialize<ButtonValue>(value, Json) is { C: not null } parsed ? parsed : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public override string ToString() => JsonSerializer.Serialize(this, Json);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static JsonArray Card(ReleaseCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Blocks(card.Title, card.Fields, card.Context, card.Actions, $"release-{card.ReleaseId}-r{card.Revision}",
            action => new ButtonValue(card.ReleaseId, card.Revision, action.Command));
    }

    /// <summary>A decision card: its buttons carry only their command.</summary>
    public static JsonArray Card(DecisionCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Blocks(card.Title, card.Fields, card.Context, card.Actions, $"decision-{card.Key}", action => new ButtonValue(null, null, action.Command));
    }

    /// <summary>The notification text that goes with the blocks (mrkdwn, so escaped).</summary>
    public static string Fallback(ReleaseCard card) =>
        SlackText.Escape($"{card.Title}: " + string.Join(", ", card.Fields.Where(f => f.Label is "Traffic" or "State").Select(f => f.Value)));

    /// <summary>The notification text that goes with a decision card: its title, and once decided, the decision (mrkdwn, so escaped).</summary>
    public static string Fallback(DecisionCard card) => SlackText.Escape(card.Actions.Count > 0 ? card.Title : $"{card.Title} — {card.Context}");

    private static JsonArray Blocks(
        string title, IReadOnlyList<CardField> fields, string context, IReadOnlyList<CardAction> actions, string blockId, Func<CardAction, ButtonValue> value)
    {
        var blocks = new JsonArray { new JsonObject { ["type"] = "header", ["text"] = PlainText(Limit(title, 150)) } };
        if (fields.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(fields.Take(10).Select(f => (JsonNode)Mrkdwn($"*{SlackText.Escape(f.Label)}*\n{Limit(SlackText.Escape(f.Value), 1900)}")).ToArray()),
            });
        }

        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(Limit(SlackText.Escape(context), 2000))) });
        if (actions.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = Limit(blockId, 255),
                ["elements"] = new JsonArray(actions.Select(a => (JsonNode)Button(a, value(a))).ToArray()),
            });
        }

        return blocks;
    }

    private static JsonObject Button(CardAction action, ButtonValue value)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(Limit(action.Label, 75)),
            ["action_id"] = action.Id,
            ["value"] = value.ToString(),
        };
        if (action.Style != CardActionStyle.Default)
        {
            button["style"] = action.Style == CardActionStyle.Danger ? "danger" : "primary";
        }

        if (action.Confirm is { } confirm)
        {
            button["confirm"] = new JsonObject
            {
                ["title"] = PlainText(Limit(confirm.Title, 100)),
                ["text"] = PlainText(Limit(confirm.Text, 300)),
                ["confirm"] = PlainText(Limit(confirm.Confirm, 30)),
                ["deny"] = PlainText(Limit(confirm.Deny, 30)),
                ["style"] = action.Style == CardActionStyle.Danger ? "danger" : "primary",
            };
        }

        return button;
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Limit(string text, int length) => SlackText.Limit(text, length);
}
