using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// Draws a release card or a decision card as an Adaptive Card (schema 1.5): title, facts, context, and the buttons as
/// <c>Action.Execute</c> with an <c>Action.Submit</c> fallback for older clients. A button with a confirmation opens
/// a small "are you sure?" card first.
/// </summary>
internal static class TeamsCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>What every button sends back: the command it stands for and the card's release and revision.</summary>
    private static JsonObject Data(ReleaseCard card, CardAction action) => new()
    {
        ["command"] = action.Command,
        ["releaseId"] = card.ReleaseId,
        ["revision"] = card.Revision,
    };

    /// <summary>What a decision card's button sends back: only its command (the command refuses by itself once decided).</summary>
    private static JsonObject Data(CardAction action) => new() { ["command"] = action.Command };

    public static JsonObject Card(ReleaseCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Draw(card.Title, card.Fields, card.Context, card.Actions, action => Data(card, action));
    }

    public static JsonObject Card(DecisionCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Draw(card.Title, card.Fields, card.Context, card.Actions, Data);
    }

    /// <summary>The largest chart sent inline; Teams refuses messages over about 100 KB, and base64 makes it a third larger.</summary>
    public const int MaxInlineImageBytes = 70_000;

    /// <summary>
    /// A message with text and a chart: an Adaptive Card whose image is inline (a data URL), since the bot has no public
    /// address to serve it from. A chart too large for a Teams message is scaled down to fit; one that cannot be is left
    /// out, and the text says so.
    /// </summary>
    public static JsonObject Picture(string text, ReplyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var body = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = image.Title, ["weight"] = "Bolder", ["wrap"] = true });
        if (Charts.PngFit.Within(image.Png, MaxInlineImageBytes) is { } png)
        {
            body.Add(new JsonObject { ["type"] = "Image", ["url"] = $"data:image/png;base64,{Convert.ToBase64String(png)}", ["altText"] = image.AltText, ["size"] = "Stretch" });
        }
        else
        {
            text += $"\n\n(The chart is {image.Png.Length / 1024} KB, too large for a Teams message; `compare` in the terminal or Slack shows it.)";
        }

        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true });
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json", ["version"] = "1.5", ["body"] = body };
        return MessageOf(card);
    }

    /// <summary>The card as a message activity.</summary>
    public static JsonObject Message(ReleaseCard card) => MessageOf(Card(card));

    /// <summary>The card as a message activity.</summary>
    public static JsonObject Message(DecisionCard card) => MessageOf(Card(card));

    private static JsonObject Attachment(JsonObject content) => new() { ["contentType"] = ContentType, ["content"] = content };

    private static JsonObject MessageOf(JsonObject content) => new() { ["type"] = "message", ["attachments"] = new JsonArray(Attachment(content)) };

    private static JsonObject Draw(
        string title, IReadOnlyList<CardField> fields, string context, IReadOnlyList<CardAction> actions, Func<CardAction, JsonObject> data) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsText.CardText(title), ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true },
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject { ["title"] = TeamsText.CardText(f.Label), ["value"] = TeamsText.CardText(f.Value) }).ToArray()),
            },
            new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsText.CardText(context), ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true },
        },
        ["actions"] = new JsonArray(actions.Select(a => (JsonNode)Action(a, data)).ToArray()),
    };

    private static JsonObject Action(CardAction action, Func<CardAction, JsonObject> data)
    {
        var execute = Execute(action, data, action.Confirm?.Confirm ?? action.Label);
        if (action.Confirm is not { } confirm)
        {
            return execute;
        }

        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = action.Label + "…",
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsText.CardText(confirm.Title), ["weight"] = "Bolder", ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsText.CardText(confirm.Text), ["wrap"] = true }),
                ["actions"] = new JsonArray(execute),
            },
        };
    }

    private static JsonObject Execute(CardAction action, Func<CardAction, JsonObject> data, string title)
    {
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = action.Id,
            ["data"] = data(action),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data(action) },
        };
        if (action.Style != CardActionStyle.Default)
        {
            execute["style"] = action.Style == CardActionStyle.Danger ? "destructive" : "positive";
        }

        return execute;
    }
}
