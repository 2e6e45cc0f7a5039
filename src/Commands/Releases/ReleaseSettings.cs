namespace ChatOpsRelease.Commands.Releases;

/// <summary>How releases behave, from configuration (validated at start-up by the host).</summary>
/// <param name="ClusterName">The name releases record for the cluster they run on.</param>
/// <param name="WeightLadder">The weights <c>promote … next</c> climbs through, rising, each 1–99.</param>
/// <param name="HistoryLimit">How many entries <c>history</c> shows.</param>
public sealed record ReleaseSettings(string ClusterName, IReadOnlyList<int> WeightLadder, int HistoryLimit = 20)
{
    /// <summary>Whether a step's bake starts again after the bot was down (by default downtime counts as baking).</summary>
    public bool RestartBakeAfterDowntime { get; init; }
}
