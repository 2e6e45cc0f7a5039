namespace ChatOpsRelease.Commands.Analysis;

/// <summary>
/// One side's p95 latency over the window: the request-weighted mean of the p95 of each bucket that has one. Bucket
/// quantiles cannot be merged exactly without the histograms behind them; weighting by requests makes busy buckets
/// count as much as the requests they carried, and both sides are summarised the same way over the same buckets.
/// </summary>
internal sealed record LatencySummary(double? P95, long RequestsWithP95, int BucketsWithP95)
{
    public static LatencySummary Of(VersionSeries side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var known = side.Buckets.Where(b => b.P95 is { } p && double.IsFinite(p) && p >= 0 && b.Requests > 0).ToList();
        var requests = known.Sum(b => b.Requests);
        var p95 = requests == 0 ? (double?)null : known.Sum(b => b.P95!.Value * b.Requests) / requests;
        return new LatencySummary(p95, requests, known.Count);
    }
}

/// <summary>How the canary's p95 compares with stable's: a ratio against the limit, or why it is unknown.</summary>
internal sealed record LatencyComparison(double? StableP95, double? CanaryP95, double? Ratio, bool TooSlow, string? Unknown)
{
    public static LatencyComparison Of(VersionSeries stable, VersionSeries canary, AnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(settings);
        var (s, c) = (LatencySummary.Of(stable), LatencySummary.Of(canary));
        var missing = new List<string>();
        foreach (var (name, side) in new[] { ("stable", s), ("canary", c) })
        {
            if (side.P95 is null)
            {
                missing.Add($"{name} reported no p95");
            }
            else if (side.RequestsWithP95 < settings.MinRequests)
            {
                missing.Add($"{name}'s p95 covers only {VerdictTexts.Count(side.RequestsWithP95)} requests (at least {VerdictTexts.Count(settings.MinRequests)} are needed)");
            }
        }

        if (missing.Count > 0)
        {
            return new LatencyComparison(s.P95, c.P95, null, false, string.Join(" and ", missing));
        }

        if (s.P95 <= 0)
        {
            return new LatencyComparison(s.P95, c.P95, null, false, "stable's p95 is 0, so no ratio can be taken");
        }

        var ratio = c.P95!.Value / s.P95!.Value;
        return new LatencyComparison(s.P95, c.P95, ratio, ratio > settings.MaxLatencyRatio, null);
    }
}
