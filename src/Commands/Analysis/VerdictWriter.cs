namespace ChatOpsRelease.Commands.Analysis;

/// <summary>The headline and the judging reasons of a verdict that had enough requests on both sides.</summary>
internal sealed class VerdictWriter(ErrorRateComparison errors, LatencyComparison latency, AnalysisSettings settings)
{
    private readonly int _decimals = VerdictTexts.PointDecimals(errors.Interval);
    private readonly string _ci = $"{VerdictTexts.Confidence(settings.Confidence)} CI";
    private readonly string _margin = $"the {VerdictTexts.Margin(errors.Margin)}-point margin";
    private readonly string _limit = VerdictTexts.Ratio(settings.MaxLatencyRatio);

    public string Headline(VerdictOutcome outcome)
    {
        if (outcome == VerdictOutcome.Fail && errors.Outcome != VerdictOutcome.Fail)
        {
            return $"Fail: the canary's p95 latency {VerdictTexts.Latency(latency.CanaryP95)} is {VerdictTexts.Ratio(latency.Ratio!.Value)} "
                + $"stable's {VerdictTexts.Latency(latency.StableP95)}, more than the {_limit} allowed.";
        }

        return outcome switch
        {
            VerdictOutcome.Fail => $"Fail: {ErrorPhrase()}, more than {_margin}."
                + (latency.TooSlow ? $" Its p95 latency is also {VerdictTexts.Ratio(latency.Ratio!.Value)} stable's, more than the {_limit} allowed." : string.Empty),
            VerdictOutcome.Pass => $"Pass: {ErrorPhrase()}, within {_margin}; "
                + (latency.Ratio is { } ratio ? $"p95 latency {VerdictTexts.Ratio(ratio)} stable's (limit {_limit})." : "p95 latency unknown."),
            _ => $"Inconclusive: {ErrorPhrase()}, which may or may not be more than {_margin}; more requests will tell.",
        };
    }

    /// <summary>"Error rate difference (canary − stable): 2.1 points, 95 % CI 1.4–2.8, by Newcombe's …".</summary>
    public string DifferenceReason() =>
        $"Error rate difference (canary − stable): {VerdictTexts.Points(errors.Difference, _decimals)} points, "
        + $"{_ci} {VerdictTexts.Range(errors.Interval, _decimals)}, by {ErrorRateComparison.Method}.";

    public string RuleReason()
    {
        var margin = VerdictTexts.Margin(errors.Margin);
        var here = errors.Outcome switch
        {
            VerdictOutcome.Fail => $"here its lower end {VerdictTexts.Points(errors.Interval.Low, _decimals)} is above {margin}",
            VerdictOutcome.Pass => $"here its upper end {VerdictTexts.Points(errors.Interval.High, _decimals)} is at or below {margin}",
            _ => $"here it reaches from {VerdictTexts.Points(errors.Interval.Low, _decimals)} to {VerdictTexts.Points(errors.Interval.High, _decimals)}, across {margin}",
        };
        return $"Rule: the error rate fails when the whole {_ci} of the difference is above {_margin}, passes when all of it is "
            + $"at or below the margin, and is inconclusive otherwise; {here}.";
    }

    public string LatencyReason()
    {
        if (latency.Ratio is not { } ratio)
        {
            return $"p95 latency unknown: {latency.Unknown}; latency is not judged (the limit is {_limit}).";
        }

        var verdict = latency.TooSlow ? $"more than the {_limit} allowed, so the canary is too slow" : $"within the {_limit} limit";
        return $"p95 latency (request-weighted mean of the buckets' p95): stable {VerdictTexts.Latency(latency.StableP95)}, "
            + $"canary {VerdictTexts.Latency(latency.CanaryP95)}, {VerdictTexts.Ratio(ratio)} stable's; {verdict}.";
    }

    /// <summary>"the canary's error rate 2.6 % is above stable's 0.5 % by 2.1 points (95 % CI 1.4–2.8)".</summary>
    private string ErrorPhrase()
    {
        var (canary, stable) = (VerdictTexts.Percent(errors.CanaryRate), VerdictTexts.Percent(errors.StableRate));
        var range = VerdictTexts.Range(errors.Interval, _decimals);
        var size = VerdictTexts.Points(Math.Abs(errors.Difference), _decimals);
        return errors.Difference switch
        {
            > 0 => $"the canary's error rate {canary} is above stable's {stable} by {size} points ({_ci} {range})",
            < 0 => $"the canary's error rate {canary} is below stable's {stable} by {size} points "
                + $"(difference {VerdictTexts.Points(errors.Difference, _decimals)}, {_ci} {range})",
            _ => $"the canary's error rate {canary} equals stable's {stable} ({_ci} of the difference {range})",
        };
    }
}
