namespace ChatOpsRelease.Commands.Analysis;

/// <summary>
/// The error-rate half of a verdict. With d = canary rate − stable rate, its two-sided interval at the confidence
/// asked for, and the margin m: Fail when the whole interval is above m (the canary is credibly worse by more than
/// the margin), Pass when the whole interval is at or below m (credibly not worse by more than it), else Inconclusive.
/// docs/analysis.md explains the choice.
/// </summary>
internal sealed record ErrorRateComparison(
    double StableRate,
    double CanaryRate,
    double Difference,
    Interval Interval,
    double Margin,
    VerdictOutcome Outcome)
{
    /// <summary>The name of the interval, as the reasons give it.</summary>
    public const string Method = "Newcombe's hybrid score interval (from the Wilson score interval of each rate)";

    /// <summary>Both sides need at least one request and no more errors than requests; the judge checks before.</summary>
    public static ErrorRateComparison Of(VersionSeries stable, VersionSeries canary, AnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(settings);
        var (sn, se, cn, ce) = (stable.Requests, stable.Errors, canary.Requests, canary.Errors);
        var interval = ProportionIntervals.NewcombeDifference(ce, cn, se, sn, settings.Confidence);
        var (stableRate, canaryRate) = ((double)se / sn, (double)ce / cn);
        var margin = settings.MaxErrorRateIncrease;
        var outcome = interval.Low > margin ? VerdictOutcome.Fail
            : interval.High <= margin ? VerdictOutcome.Pass
            : VerdictOutcome.Inconclusive;
        return new ErrorRateComparison(stableRate, canaryRate, canaryRate - stableRate, interval, margin, outcome);
    }
}
