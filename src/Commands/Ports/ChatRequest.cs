namespace ChatOpsRelease.Commands.Ports;

/// <summary>Who typed a command: the chat platform and that platform's id for the person.</summary>
public sealed record Actor(string Platform, string Id, string DisplayName)
{
    public override string ToString() => DisplayName == Id ? $"{Platform}:{Id}" : $"{DisplayName} ({Platform}:{Id})";
}

/// <summary>
/// Where to answer: a platform, a channel (conversation) and, where the platform has them, a thread.
/// Stored with every release so that a job can answer in the right place after a restart.
/// </summary>
public sealed record ConversationRef(string Platform, string Channel, string? Thread = null)
{
    public override string ToString() => Thread is null ? $"{Platform}:{Channel}" : $"{Platform}:{Channel}/{Thread}";
}

/// <summary>
/// A button's promise: it was drawn for this release at this revision. A click from a card the release has
/// moved on from is refused rather than replayed.
/// </summary>
public sealed record CardGuard(string ReleaseId, int Revision);

/// <summary>A platform-neutral chat message asking the bot to do something.</summary>
public sealed record ChatRequest(string Text, Actor Actor, ConversationRef Conversation)
{
    /// <summary>Set when the request comes from a button on a release card.</summary>
    public CardGuard? Guard { get; init; }

    /// <summary>Who really says it: a person, or the bot on a person's behalf (a scheduled or approved promotion).</summary>
    public RequestOrigin Origin { get; init; } = RequestOrigin.Person;
}

/// <summary>Where a request comes from.</summary>
public enum RequestOrigin
{
    /// <summary>Typed or clicked by <see cref="ChatRequest.Actor"/>.</summary>
    Person,

    /// <summary>A scheduled promotion at its time, said for the person who scheduled it: it never asks for approval, it needs it.</summary>
    Schedule,

    /// <summary>The promotion an approval request was raised for, carried out once approved.</summary>
    Approval,
}
