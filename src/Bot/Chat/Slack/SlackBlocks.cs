using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Slack;

/// <summary>Draws a release card in Block Kit: header, fields, context, and the next-decision buttons.</summary>
internal static class SlackBlocks
{
    /// <summary>What a button carries back when clicked: the release, the card revision, and the command it stands for.</summary>
    internal sealed record ButtonValue(string R, int V, string C)
    {
        public static ButtonValue? Parse(string? value)
        {
            try
            {
                return value is null ? null : JsonSerializer.Deserialize<ButtonValue>(value, Json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public override string ToString() => JsonSerializer.Serialize(this, Json);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonArray Card(ReleaseCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(Limit(card.Title, 150)) },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray(card.Fields.Take(10).Select(f => (JsonNode)Mrkdwn($"*{f.Label}*\n{Limit(f.Value, 1900)}")).ToArray()),
            },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(card.Context)) },
        };
        if (card.Actions.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["block_id"] = $"release-{card.ReleaseId}-r{card.Revision}",
                ["elements"] = new JsonArray(card.Actions.Select(a => (JsonNode)Button(card, a)).ToArray()),
            });
        }

        return blocks;
    }

    /// <summary>The notification text that goes with the blocks.</summary>
    public static string Fallback(ReleaseCard card) =>
        $"{card.Title}: " + string.Join(", ", card.Fields.Where(f => f.Label is "Traffic" or "State").Select(f => f.Value));

    private static JsonObject Button(ReleaseCard card, CardAction action)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(Limit(action.Label, 75)),
            ["action_id"] = action.Id,
            ["value"] = new ButtonValue(card.ReleaseId, card.Revision, action.Command).ToString(),
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

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
