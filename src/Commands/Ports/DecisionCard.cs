using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// A card that asks people for a decision outside the release card: an approval request, or the notice of a scheduled
/// promotion. Its buttons carry only their command (<c>approve a1b2c3</c>, <c>veto s4d5e6</c>): the command itself
/// refuses once the decision is made or expired, so an old card's button cannot act twice. Once decided, the card is
/// redrawn without buttons and with the decision in <see cref="Context"/>.
/// </summary>
/// <param name="Key">What the card is about, e.g. <c>approval:a1b2c3</c>; platforms may use it as a stable id.</param>
public sealed record DecisionCard(
    string Key,
    string Title,
    IReadOnlyList<CardField> Fields,
    string Context,
    IReadOnlyList<CardAction> Actions)
{
    /// <summary>A line for people who see no buttons (the terminal): which commands answer the card.</summary>
    public string Prompt => Actions.Count == 0
        ? string.Empty
        : "Say " + string.Join(" or ", Actions.Select(a => $"`{a.Command}`")) + ".";
}
