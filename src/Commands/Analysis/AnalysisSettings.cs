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

    /// <summary>The window <c>compare</c> looks at when none is given.</summary>
    public TimeSpan DefaultWindow { get; init; } = TimeSpan.FromMinutes(15);
}
