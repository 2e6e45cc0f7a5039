namespace ChatOpsRelease.Commands.Releases;

/// <summary>How releases behave, from configuration (validated at start-up by the host).</summary>
/// <param name="WeightLadder">The built-in plans' weights (and what <c>promote … next</c> climbs for a release without a plan), rising, each 1–99.</param>
/// <param name="HistoryLimit">How many entries <c>history</c> shows.</param>
public sealed record ReleaseSettings(IReadOnlyList<int> WeightLadder, int HistoryLimit = 20)
{
    /// <summary>Whether a step's bake starts again after the bot was down (by default downtime counts as baking).</summary>
    public bool RestartBakeAfterDowntime { get; init; }
}
