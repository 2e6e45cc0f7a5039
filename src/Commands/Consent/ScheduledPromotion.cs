using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Consent;

public enum ScheduleState
{
    Pending,
    Done,

    /// <summary>At its time, a re-check (freeze, verdict, approval, state) stopped it; <see cref="ScheduledPromotion.Outcome"/> says why.</summary>
    NotDone,
    Cancelled,
    Vetoed,
}

/// <summary>A promotion someone asked for at a wall-clock time: <c>schedule promote checkout 50% at 14:00 Asia/Shanghai</c>.</summary>
public sealed class ScheduledPromotion
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The promotion, as it will be said at its time, e.g. <c>promote checkout 50%</c>.</summary>
    public string Command { get; set; } = string.Empty;

    /// <summary>The target as people read it: "50%", "the next step", "everyone".</summary>
    public string What { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>The zone the time was given in (an IANA id), for telling it back.</summary>
    public string TimeZone { get; set; } = "UTC";

    public Actor RequestedBy { get; set; } = new("console", "unknown", "unknown");

    public ConversationRef Conversation { get; set; } = new("console", "console");

    public DateTimeOffset CreatedAt { get; set; }

    public ScheduleState State { get; set; } = ScheduleState.Pending;

    /// <summary>What happened at its time, or who cancelled or vetoed it and why.</summary>
    public string? Outcome { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Whether the notice for the current <see cref="At"/> has been posted.</summary>
    public bool Noticed { get; set; }

    /// <summary>The chat platform's id of the notice card, once posted.</summary>
    public string? NoticeMessageId { get; set; }

    public int Postponements { get; set; }

    public bool IsPending => State == ScheduleState.Pending;
}
