namespace ChatOpsRelease.Commands.Analysis;

/// <summary>
/// How a canary is judged, per app. Defaults suit a web service: the canary fails when its error rate is credibly
/// more than <see cref="MaxErrorRateIncrease"/> above the stable one's, or its p95 latency more than
/// <see cref="MaxLatencyRatio"/> times the stable one's; fewer than <see cref="MinRequests"/> requests on a side is
/// too little to tell.
/// </summary>
public sealed record AnalysisSettings
{
    /// <summary>The absolute increase of the error rate (0.005 = half a percentage point) the canary may have before it fails.</summary>
    public double MaxErrorRateIncrease { get; init; } = 0.005;

    /// <summary>
    /// The confidence of the two-sided interval of the error-rate difference that decides: at 0.95 a canary worse by
    /// exactly the margin fails (or passes) at most 2.5 % of the time, and an equally good one fails less often still.
    /// </summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The least number of requests on each side before a verdict other than Inconclusive.</summary>
    public long MinRequests { get; init; } = 200;

    /// <summary>How many times slower (p95) the canary may be than stable before it fails.</summary>
    public double MaxLatencyRatio { get; init; } = 1.25;

    /// <summary>The window <c>compare</c> and the analysis of a baking plan step look at when none is given.</summary>
    public TimeSpan DefaultWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the canary is judged while a plan step bakes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a baking step may stay Inconclusive before the release is paused and a person asked.</summary>
    public TimeSpan InconclusiveDeadline { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>What a Fail while a step bakes does: roll the release back (the default) or pause it for a person.</summary>
    public FailAction OnFail { get; init; } = FailAction.Rollback;

    /// <summary>
    /// The metrics a comparison judges, <c>errors</c> (error rate and p95) first; an app adds resources, restarts,
    /// availability or its own KPIs (<c>Apps:&lt;app&gt;:Gates</c>).
    /// </summary>
    public IReadOnlyList<GateMetric> Metrics { get; init; } = ErrorsOnly;

    /// <summary>The metrics of an app that adds none: errors alone (one shared list, so default settings compare equal).</summary>
    public static readonly IReadOnlyList<GateMetric> ErrorsOnly = [GateMetric.Errors];
}

/// <summary>What the bot does by itself when a baking step's analysis says Fail.</summary>
public enum FailAction
{
    /// <summary>Roll back: the canary goes and everyone is on the stable version again.</summary>
    Rollback,

    /// <summary>Pause: the canary keeps its share until a person decides.</summary>
    Pause,
}
