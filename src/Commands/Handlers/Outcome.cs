using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>What a verb handler did: the reply to show and what the audit log records.</summary>
public sealed record Outcome(Reply Reply, AuditOutcome Audit, string? App = null, string? ReleaseId = null)
{
    /// <summary>True when the release has new steps for a job to carry out.</summary>
    public bool QueuesSteps { get; init; }

    /// <summary>Set when an accepted user rule ends by itself then: the follow-up schedules its expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A request to carry out right after this one (an approved promotion), whose reply follows this one's.</summary>
    public ChatRequest? Then { get; init; }

    public static Outcome Refused(string text, string? app = null, string? releaseId = null) =>
        new(Reply.Refused(text), AuditOutcome.Refused, app, releaseId);

    public static Outcome Answered(string text, string? app = null, string? releaseId = null) =>
        new(Reply.Info(text), AuditOutcome.Answered, app, releaseId);

    public static Outcome Accepted(string text, string? app, string? releaseId) =>
        new(Reply.Accepted(text), AuditOutcome.Accepted, app, releaseId);

    /// <summary>Accepted, with new steps for a job: the card is shown first, then the job is queued.</summary>
    public static Outcome Queued(string text, string app, string releaseId) =>
        new(Reply.Accepted(text), AuditOutcome.Accepted, app, releaseId) { QueuesSteps = true };
}
