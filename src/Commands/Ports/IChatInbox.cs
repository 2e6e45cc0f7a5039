namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// One delivery from a chat platform: its id (unique per delivery: Slack's event id, a slash command's trigger,
/// a click on one card version), where it came from and what was asked.
/// </summary>
/// <param name="Source">How it was asked, for the platform's own answering rules (e.g. "command", "mention", "dm", "button").</param>
public sealed record InboundDelivery(string Id, string Platform, string Source, ChatRequest Request, DateTimeOffset ReceivedAt)
{
    /// <summary>Where the platform accepts a direct answer to this delivery, when it offers one (Slack's <c>response_url</c>).</summary>
    public string? ResponseUrl { get; init; }
}

/// <summary>
/// The durable inbox of chat deliveries: a delivery is recorded before the platform is told "received", acted on
/// once however often it arrives, and picked up again after a restart if it was not finished.
/// </summary>
public interface IChatInbox
{
    /// <summary>Records a delivery; false when its id was recorded before (a retry, a double click): act only on true.</summary>
    Task<bool> TryAddAsync(InboundDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Marks a delivery as handled.</summary>
    Task CompleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>A platform's recorded deliveries not yet handled, oldest first.</summary>
    Task<IReadOnlyList<InboundDelivery>> PendingAsync(string platform, CancellationToken cancellationToken);
}
