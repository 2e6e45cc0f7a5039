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

/// <summary>A platform-neutral answer: plain text lines, rendered by each chat adapter in its own way.</summary>
public sealed record Reply(ReplyKind Kind, string Text)
{
    public static Reply Info(string text) => new(ReplyKind.Info, text);

    public static Reply Accepted(string text) => new(ReplyKind.Accepted, text);

    public static Reply Success(string text) => new(ReplyKind.Success, text);

    public static Reply Refused(string text) => new(ReplyKind.Refused, text);

    public static Reply Failure(string text) => new(ReplyKind.Failure, text);
}
