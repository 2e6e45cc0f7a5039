using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>
/// One reply waiting to be posted to a chat platform: where, what (text and chart), and how its delivery goes.
/// Replies of one conversation are posted in the order they were added (<see cref="Sequence"/>).
/// </summary>
internal sealed class OutboxItem
{
    public string Id { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public string Platform { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string? Thread { get; set; }

    public ReplyKind Kind { get; set; }

    public string Text { get; set; } = string.Empty;

    public string? ImageFileName { get; set; }

    public byte[]? ImagePng { get; set; }

    public string? ImageAltText { get; set; }

    public string? ImageTitle { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not before this (UTC) may the next attempt be made.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Set once posted, or once given up.</summary>
    public DateTime? FinishedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The conversation, as the key that keeps its replies in order.</summary>
    public string ConversationKey() => $"{Platform}|{Channel}|{Thread}";

    public ConversationRef Conversation() => new(Platform, Channel, Thread);

    public Reply Reply() => new(Kind, Text)
    {
        Image = ImagePng is null ? null : new ReplyImage(ImageFileName ?? "chart.png", ImagePng, ImageAltText ?? string.Empty, ImageTitle ?? string.Empty),
    };

    public static OutboxItem For(ConversationRef conversation, Reply reply, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Platform = conversation.Platform,
        Channel = conversation.Channel,
        Thread = conversation.Thread,
        Kind = reply.Kind,
        Text = reply.Text,
        ImageFileName = reply.Image?.FileName,
        ImagePng = reply.Image?.Png,
        ImageAltText = reply.Image?.AltText,
        ImageTitle = reply.Image?.Title,
        CreatedAt = now.UtcDateTime,
        NextAttemptAt = now.UtcDateTime,
    };
}
