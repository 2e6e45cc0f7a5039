namespace ChatOpsRelease.Commands.Ports;

public enum AuditOutcome
{
    /// <summary>A read-only command answered, or a dry run shown.</summary>
    Answered,

    /// <summary>A change was accepted (and, when it touches the cluster, queued).</summary>
    Accepted,

    /// <summary>The command was refused; nothing changed.</summary>
    Refused,

    /// <summary>A queued step reached the cluster.</summary>
    Done,

    /// <summary>A queued step failed or was cancelled.</summary>
    Failed,
}

/// <summary>One thing asked of the bot or done by it: who, when, where, what, and how it ended.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Conversation,
    string? App,
    string? ReleaseId,
    string Command,
    AuditOutcome Outcome,
    string Detail);

/// <summary>The append-only record of commands and their outcomes.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>An app's entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> RecentAsync(string app, int limit, CancellationToken cancellationToken);
}
