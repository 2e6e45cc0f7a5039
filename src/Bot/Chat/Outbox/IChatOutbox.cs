namespace ChatOpsRelease.Bot.Chat.Outbox;

/// <summary>
/// The durable queue of replies to chat platforms. A reply is added in a moment (a local write), so the job that
/// produced it goes on with the cluster; <see cref="ChatOutboxWorker"/> posts it, retrying while the platform is down
/// or rate-limits, and never posts an item again once it is recorded as sent.
/// </summary>
internal interface IChatOutbox
{
    Task AddAsync(OutboxItem item, CancellationToken cancellationToken);

    /// <summary>
    /// The oldest unfinished reply of each conversation, where it is due by <paramref name="now"/>: a later reply of a
    /// conversation waits for the one before it, so a thread reads in order.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> DueAsync(DateTime now, int most, CancellationToken cancellationToken);

    /// <summary>Records an attempt: posted; or not, to be tried again at <paramref name="nextAttempt"/> — or, when that is null, given up.</summary>
    Task RecordAsync(string id, bool posted, DateTime? nextAttempt, string? error, CancellationToken cancellationToken);
}
