namespace ChatOpsRelease.Commands.Ports;

/// <summary>How a reply should look: adapters may colour or decorate it.</summary>
public enum ReplyKind
{
    Info,
    Accepted,
    Success,
    Refused,
    Failure,
}

/// <summary>A picture that goes with a reply (a chart): PNG bytes, a file name, and a text for people who cannot see it.</summary>
public sealed record ReplyImage(string FileName, byte[] Png, string AltText, string Title);

/// <summary>A platform-neutral answer: plain text lines, rendered by each chat adapter in its own way.</summary>
public sealed record Reply(ReplyKind Kind, string Text)
{
    /// <summary>A chart to show with the text; each platform attaches it its own way (a file, an upload, a card image).</summary>
    public ReplyImage? Image { get; init; }

    public static Reply Info(string text) => new(ReplyKind.Info, text);

    public static Reply Accepted(string text) => new(ReplyKind.Accepted, text);

    public static Reply Success(string text) => new(ReplyKind.Success, text);

    public static Reply Refused(string text) => new(ReplyKind.Refused, text);

    public static Reply Failure(string text) => new(ReplyKind.Failure, text);
}
