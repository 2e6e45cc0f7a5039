using ChatOpsRelease.Commands.Handlers;

namespace ChatOpsRelease.Commands.Analysis;

/// <summary>
/// Judges a canary against stable from one window of metrics: Pass, Fail or Inconclusive, with the reasons.
/// Pure: the same data and settings always give the same verdict. docs/analysis.md states the rule and why.
/// </summary>
public static class CanaryJudge
{
    /// <summary>Whenever there was data, the reasons start with one line per side (stable, then canary).</summary>
    public const int SideReasons = 2;

    public static Verdict Judge(ComparisonData? data, string? noData, AnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _ = ProportionIntervals.TwoSidedZ(settings.Confidence); // a confidence outside (0, 1) is a bug, not a verdict
        if (data is null)
        {
            var why = string.IsNullOrWhiteSpace(noData) ? "the metric source returned nothing" : noData.Trim().TrimEnd('.');
            return new Verdict(VerdictOutcome.Inconclusive, $"Inconclusive: no data — {why}.", [$"No data: {why}."], null, null, null);
        }

        var (stable, canary) = (data.Stable, data.Canary);
        var latency = LatencyComparison.Of(stable, canary, settings);
        var reasons = new List<string> { Side("Stable", stable, latency.StableP95), Side("Canary", canary, latency.CanaryP95) };
        if ((Impossible(stable, "stable") ?? Impossible(canary, "canary")) is { } impossible)
        {
            reasons.AddRange([$"{impossible}; check the metric source's query.", Window(data), $"Query: {data.Query}"]);
            return Inconclusive($"Inconclusive: {impossible}.", reasons, data, latency);
        }

        if (Starved(data, settings.MinRequests) is { } starved)
        {
            reasons.AddRange([
                $"A verdict needs at least {VerdictTexts.Count(settings.MinRequests)} requests on each side, so neither the error rate nor the latency is judged yet.",
                Window(data),
                $"Query: {data.Query}",
            ]);
            return Inconclusive($"Inconclusive: {starved}.", reasons, data, latency);
        }

        var errors = ErrorRateComparison.Of(stable, canary, settings);
        var outcome = errors.Outcome == VerdictOutcome.Fail || latency.TooSlow ? VerdictOutcome.Fail : errors.Outcome;
        var writer = new VerdictWriter(errors, latency, settings);
        reasons.AddRange([writer.DifferenceReason(), writer.RuleReason(), writer.LatencyReason(), Window(data), $"Query: {data.Query}"]);
        var numbers = Numbers(data, latency) with
        {
            DifferenceLow = errors.Interval.Low,
            DifferenceHigh = errors.Interval.High,
            P95Ratio = latency.Ratio,
        };
        return new Verdict(outcome, writer.Headline(outcome), reasons, numbers, data.Query, data.Link);
    }

    private static Verdict Inconclusive(string headline, List<string> reasons, ComparisonData data, LatencyComparison latency) =>
        new(VerdictOutcome.Inconclusive, headline, reasons, Numbers(data, latency), data.Query, data.Link);

    private static VerdictNumbers Numbers(ComparisonData data, LatencyComparison latency)
    {
        var (stable, canary) = (data.Stable, data.Canary);
        var difference = canary.ErrorRate - stable.ErrorRate;
        return new VerdictNumbers(stable.Requests, stable.Errors, canary.Requests, canary.Errors, stable.ErrorRate, canary.ErrorRate,
            difference, null, null, latency.StableP95, latency.CanaryP95, null);
    }

    /// <summary>"Canary v2.0.0: 4,000 requests, 104 errors (2.6 %), p95 310 ms."</summary>
    private static string Side(string name, VersionSeries side, double? p95) => side.ErrorRate is { } rate
        ? $"{name} {side.Version}: {Requests(side.Requests)}, {VerdictTexts.Count(side.Errors)} error{(side.Errors == 1 ? string.Empty : "s")} "
            + $"({VerdictTexts.Percent(rate)}), p95 {VerdictTexts.Latency(p95)}."
        : $"{name} {side.Version}: no requests.";

    private static string? Impossible(VersionSeries side, string name) => side.Requests < 0 || side.Errors < 0 || side.Errors > side.Requests
        ? $"the metric source reported {VerdictTexts.Count(side.Errors)} errors out of {Requests(side.Requests)} for {name}, which cannot be"
        : null;

    /// <summary>"canary has 37 requests in the last 15 min; at least 200 are needed", or null when both sides have enough.</summary>
    private static string? Starved(ComparisonData data, long least)
    {
        var (stable, canary) = (data.Stable.Requests < least, data.Canary.Requests < least);
        var needed = $"at least {VerdictTexts.Count(least)} are needed";
        var window = $"in the last {Texts.Duration(data.Window.Length)}";
        return (stable, canary) switch
        {
            (true, true) => $"stable has {VerdictTexts.Count(data.Stable.Requests)} and canary has {Requests(data.Canary.Requests)} {window}; {needed} on each side",
            (true, false) => $"stable has {Requests(data.Stable.Requests)} {window}; {needed}",
            (false, true) => $"canary has {Requests(data.Canary.Requests)} {window}; {needed}",
            _ => null,
        };
    }

    private static string Window(ComparisonData data) =>
        $"Window: the last {Texts.Duration(data.Window.Length)}, {Texts.Time(data.Window.From)} to {Texts.Time(data.Window.To)}, "
        + $"in {Texts.Duration(data.Window.Step)} buckets.";

    private static string Requests(long count) => $"{VerdictTexts.Count(count)} request{(count == 1 ? string.Empty : "s")}";
}
