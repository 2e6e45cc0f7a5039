using ChatOpsRelease.Commands.Plans;

namespace ChatOpsRelease.Commands.Releases;

public enum WaveState
{
    /// <summary>Not started: the wave before it has not finished.</summary>
    Waiting,

    /// <summary>The release's plan runs in this cluster now.</summary>
    Running,

    /// <summary>The new version is this cluster's stable version.</summary>
    Completed,

    /// <summary>This cluster is back on the old version.</summary>
    RolledBack,
}

/// <summary>One datacenter's part of a release: its cluster, its stable capacity, and how far it got.</summary>
public sealed class ReleaseWave
{
    public string Cluster { get; set; } = string.Empty;

    /// <summary>The stable Deployment's replicas in this cluster when the release began.</summary>
    public int StableReplicas { get; set; }

    public WaveState State { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>
/// Waves: a release runs its plan in one cluster after the other, the main datacenter first. A wave starts only when
/// the one before it completed (a barrier); a rollback goes back through every cluster the release touched, the
/// current one first.
/// </summary>
public sealed partial class Release
{
    /// <summary>Who the automatic start of a wave is recorded as asked by.</summary>
    public const string WaveActor = "bot (waves)";

    /// <summary>The clusters in order; empty for a release in one cluster.</summary>
    public List<ReleaseWave> Waves { get; set; } = [];

    public int WaveIndex { get; set; }

    /// <summary>The plan the waves after the first follow (a copy); the first wave's plan when null.</summary>
    public ReleasePlan? LaterWavesPlan { get; set; }

    public ReleaseWave? CurrentWave => WaveIndex < Waves.Count ? Waves[WaveIndex] : null;

    public bool HasNextWave => WaveIndex + 1 < Waves.Count;

    /// <summary>
    /// The release as seen in another cluster it touched: same versions and images, that cluster's name and stable
    /// capacity. Routers read it to bring that cluster to a target.
    /// </summary>
    public Release InCluster(string cluster)
    {
        if (string.Equals(cluster, Cluster, StringComparison.OrdinalIgnoreCase)
            || Waves.FirstOrDefault(w => string.Equals(w.Cluster, cluster, StringComparison.OrdinalIgnoreCase)) is not { } wave)
        {
            return this;
        }

        var copy = (Release)MemberwiseClone();
        copy.Cluster = wave.Cluster;
        copy.StableReplicas = wave.StableReplicas;
        return copy;
    }

    private void StartWave(int index, DateTimeOffset now)
    {
        if (index >= Waves.Count)
        {
            return;
        }

        WaveIndex = index;
        var wave = Waves[index];
        (wave.State, wave.StartedAt, Cluster) = (WaveState.Running, now, wave.Cluster);
        if (wave.StableReplicas > 0)
        {
            StableReplicas = wave.StableReplicas;
        }
    }

    /// <summary>The current wave completed (its full step applied): the next cluster gets a canary at 0% and its plan starts over.</summary>
    private void NextWave(DateTimeOffset now)
    {
        var done = Waves[WaveIndex];
        (done.State, done.FinishedAt) = (WaveState.Completed, now);
        StartWave(WaveIndex + 1, now);
        Plan = (LaterWavesPlan ?? Plan)?.Copy();
        (PlanIndex, BakeStartedAt, InconclusiveSince, WatchNotice) = (-1, null, null, null);
        (RequestedWeight, EffectiveWeight, Rules, State) = (0, 0, [], ReleaseState.Canary);
        AddStep(StepKind.Deploy, 0, WaveActor, Conversation, now);
    }

    /// <summary>Rollback steps for the clusters finished before the current one, newest first (the current one has its own).</summary>
    private void RollBackEarlierWaves(string actor, Ports.ConversationRef conversation, DateTimeOffset now)
    {
        for (var i = WaveIndex - 1; i >= 0; i--)
        {
            if (Waves[i].State == WaveState.Completed)
            {
                AddStep(StepKind.Rollback, 0, actor, conversation, now).Cluster = Waves[i].Cluster;
            }
        }
    }

    /// <summary>A rollback step reached its cluster: that wave is rolled back; the release is once every cluster is.</summary>
    private bool MoreRollbacksOpen(ReleaseStep applied)
    {
        if (Waves.FirstOrDefault(w => string.Equals(w.Cluster, applied.Cluster ?? Cluster, StringComparison.OrdinalIgnoreCase)) is { } wave)
        {
            wave.State = WaveState.RolledBack;
        }

        return Steps.Any(s => s.IsOpen && s.Kind == StepKind.Rollback && s.Id != applied.Id);
    }
}
