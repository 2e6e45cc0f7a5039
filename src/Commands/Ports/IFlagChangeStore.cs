using ChatOpsRelease.Commands.Consent;

namespace ChatOpsRelease.Commands.Ports;

public enum FlagChangeState
{
    /// <summary>Waiting for its approval request to be decided.</summary>
    AwaitingApproval,

    /// <summary>Accepted and queued; a job writes it to the cluster.</summary>
    Queued,

    /// <summary>Written to the app's ConfigMap in every cluster of the app.</summary>
    Applied,

    /// <summary>The cluster refused it or did not answer; nothing (or not everything) was written.</summary>
    Failed,

    /// <summary>Its approval was rejected, expired or withdrawn: never written.</summary>
    Dropped,
}

/// <summary>
/// One change of one feature flag asked for in chat: what was asked, by whom and where, the approval it needed, and
/// what became of it. Kept for <c>flag &lt;app&gt; &lt;flag&gt; history</c> and to carry the change to its job.
/// </summary>
public sealed class FlagChange
{
    /// <summary>A short id people can type, e.g. <c>g1a2b3c</c>.</summary>
    public string Id { get; set; } = string.Empty;

    public string App { get; set; } = string.Empty;

    public string Flag { get; set; } = string.Empty;

    /// <summary>The command as typed, e.g. <c>flag demo new-checkout 30% for 2h</c>.</summary>
    public string Command { get; set; } = string.Empty;

    /// <summary>The new state as people read it, e.g. "on for 30% of users until 27 Nov 14:00 UTC".</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>The state before, once applied.</summary>
    public string? From { get; set; }

    public Actor RequestedBy { get; set; } = new("console", "unknown", "unknown");

    public ConversationRef Conversation { get; set; } = new("console", "console");

    public DateTimeOffset RequestedAt { get; set; }

    public FlagChangeState State { get; set; } = FlagChangeState.Queued;

    /// <summary>Its approval request, when the app's environment asks for one.</summary>
    public Approval? Approval { get; set; }

    /// <summary>True once an approved request has been used by the change it approved (an approval is good for one change).</summary>
    public bool ApprovalUsed { get; set; }

    /// <summary>When it was written (or failed), and what the bot said about it.</summary>
    public DateTimeOffset? DoneAt { get; set; }

    public string? Result { get; set; }

    /// <summary>When the flag it set turns off by itself; the expiry job compares it with the ConfigMap before acting.</summary>
    public DateTimeOffset? Until { get; set; }
}

/// <summary>Durable flag changes. Every change of one is an atomic read-modify-write.</summary>
public interface IFlagChangeStore
{
    Task AddAsync(FlagChange change, CancellationToken cancellationToken);

    Task<FlagChange?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Loads a change, lets <paramref name="update"/> modify it and saves it, atomically with respect to every other
    /// update of the same change. <paramref name="update"/> may run more than once; it must only touch the change.
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no change <paramref name="id"/>.</exception>
    Task<T> UpdateAsync<T>(string id, Func<FlagChange, T> update, CancellationToken cancellationToken);

    /// <summary>
    /// An app's changes, newest first (by <see cref="FlagChange.RequestedAt"/>), of one flag when <paramref name="flag"/>
    /// is given (names compare without case); at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<FlagChange>> RecentAsync(string app, string? flag, int limit, CancellationToken cancellationToken);

    /// <summary>Changes whose approval request is still pending, of every app.</summary>
    Task<IReadOnlyList<FlagChange>> AwaitingApprovalAsync(CancellationToken cancellationToken);
}
