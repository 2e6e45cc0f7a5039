using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// Draws a release card as an Adaptive Card (schema 1.5): title, facts, context, and the next decisions as
/// <c>Action.Execute</c> buttons with an <c>Action.Submit</c> fallback for older clients. A dangerous decision opens
/// a small "are you sure?" card first.
/// </summary>
internal static class TeamsCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>What every button sends back: the command it stands for and the card's release and revision.</summary>
    public static JsonObject Data(ReleaseCard card, CardAction action) => new()
    {
        ["command"] = action.Command,
        ["releaseId"] = card.ReleaseId,
        ["revision"] = card.Revision,
    };

    public static JsonObject Card(ReleaseCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = card.Title, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true },
                new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray(card.Fields.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value }).ToArray()),
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = card.Context, ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true },
            },
            ["actions"] = new JsonArray(card.Actions.Select(a => (JsonNode)Action(card, a)).ToArray()),
        };
    }

    /// <summary>The largest chart sent inline; Teams refuses messages over about 100 KB, and base64 makes it a third larger.</summary>
    public const int MaxInlineImageBytes = 70_000;

    /// <summary>
    /// A message with text and a chart: an Adaptive Card whose image is inline (a data URL), since the bot has no public
    /// address to serve it from. A chart too large for a Teams message is scaled down to fit; one that cannot be is left
    /// out, and the text says so.
    /// </summary>
    public static JsonObject Picture(string text, ChatOpsRelease.Commands.Ports.ReplyImage image)
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
        return new JsonObject { ["type"] = "message", ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ContentType, ["content"] = card }) };
    }

    /// <summary>The card as an activity attachment.</summary>
    public static JsonObject Attachment(ReleaseCard card) => new() { ["contentType"] = ContentType, ["content"] = Card(card) };

    private static JsonObject Action(ReleaseCard card, CardAction action)
    {
        var execute = Execute(card, action, action.Confirm?.Confirm ?? action.Label);
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
                    new JsonObject { ["type"] = "TextBlock", ["text"] = confirm.Title, ["weight"] = "Bolder", ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = confirm.Text, ["wrap"] = true }),
                ["actions"] = new JsonArray(execute),
            },
        };
    }

    private static JsonObject Execute(ReleaseCard card, CardAction action, string title)
    {
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = action.Id,
            ["data"] = Data(card, action),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = Data(card, action) },
        };
        if (action.Style != CardActionStyle.Default)
        {
            execute["style"] = action.Style == CardActionStyle.Danger ? "destructive" : "positive";
        }

        return execute;
    }
}
