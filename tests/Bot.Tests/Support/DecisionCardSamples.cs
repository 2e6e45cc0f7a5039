using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>Decision cards as the core draws them: an approval request, the same once decided, and one whose button is a plain command.</summary>
internal static class DecisionCardSamples
{
    public static readonly CardConfirm RejectConfirm = new("Reject step full of checkout?", "The release stays where it is; the requester is told.", "Reject", "Cancel");

    public static DecisionCard Approval() => new(
        "approval:a1b2c3",
        "Approve step full of checkout v2.4.0?",
        [new CardField("Requested by", "Alice"), new CardField("Step", "full: everyone")],
        "Approval a1b2c3 · expires 14:30 UTC",
        [
            new CardAction("approve", "Approve", "approve a1b2c3", CardActionStyle.Primary),
            new CardAction("reject", "Reject", "reject a1b2c3", CardActionStyle.Danger, RejectConfirm),
        ]);

    public static DecisionCard Approved() => Approval() with { Context = "Approved by Bob at 14:02 UTC", Actions = [] };

    /// <summary>A card whose one button is <c>status checkout</c>, a verb every platform already answers.</summary>
    public static DecisionCard Status() => new(
        "notice:s1b2c3",
        "checkout v2.4.0 goes to everyone at 15:00 UTC",
        [new CardField("App", "checkout")],
        "Scheduled promotion s1b2c3",
        [new CardAction("status", "Status", "status checkout", CardActionStyle.Default)]);
}
