namespace ChatOpsRelease.Commands.Analysis;

/// <summary>
/// The overall verdict of a step's metrics: any critical metric failing fails it; otherwise the non-critical ones that
/// could be judged fail it when more than half of their weight fails; a critical metric that is Inconclusive leaves the
/// whole Inconclusive (no Pass without its evidence); otherwise Pass. Non-critical metrics without data are named, not counted.
/// </summary>
public static class GateVerdict
{
    public static Verdict Combine(Verdict errors, IReadOnlyList<GateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return errors;
        }

        var all = rows.Prepend(ErrorsRow(errors)).ToList();
        var criticalFails = all.Where(r => r.Critical && r.Outcome == VerdictOutcome.Fail).ToList();
        var judged = all.Where(r => !r.Critical && r.Outcome != VerdictOutcome.Inconclusive).ToList();
        var failingWeight = judged.Where(r => r.Outcome == VerdictOutcome.Fail).Sum(r => r.Weight);
        var judgedWeight = judged.Sum(r => r.Weight);
        var waiting = all.Where(r => r.Critical && r.Outcome == VerdictOutcome.Inconclusive).ToList();
        var (outcome, why) = criticalFails.Count > 0
            ? (VerdictOutcome.Fail, $"{Names(criticalFails)} failed ({criticalFails[0].Reason})")
            : judgedWeight > 0 && failingWeight * 2 > judgedWeight
                ? (VerdictOutcome.Fail, $"{Names(judged.Where(r => r.Outcome == VerdictOutcome.Fail))} failed — {Weight(failingWeight)} of the {Weight(judgedWeight)} weight judged")
                : waiting.Count > 0
                    ? (VerdictOutcome.Inconclusive, $"{Names(waiting)} cannot be judged yet ({waiting[0].Reason})")
                    : (VerdictOutcome.Pass, PassReason(all));
        var headline = $"{outcome}: {why}.";
        var reasons = errors.Reasons.Concat(rows.Select(r => $"{r.Name}: {r.Outcome} — {r.Reason}.")).ToList();
        return errors with { Outcome = outcome, Headline = headline, Reasons = reasons };
    }

    /// <summary>The errors verdict as a row of the table: critical, its headline as the reason.</summary>
    public static GateRow ErrorsRow(Verdict errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var prefix = $"{errors.Outcome}: ";
        var reason = errors.Headline.StartsWith(prefix, StringComparison.Ordinal) ? errors.Headline[prefix.Length..] : errors.Headline;
        var numbers = errors.Numbers;
        return new GateRow(GateMetric.Errors.Name, errors.Outcome, true, GateMetric.Errors.Weight,
            numbers?.StableErrorRate is { } s ? VerdictTexts.Percent(s) : "—", numbers?.CanaryErrorRate is { } c ? VerdictTexts.Percent(c) : "—", reason.TrimEnd('.'));
    }

    private static string PassReason(IReadOnlyList<GateRow> all)
    {
        var unjudged = all.Where(r => r.Outcome == VerdictOutcome.Inconclusive).ToList();
        return unjudged.Count == 0
            ? "every metric is within its tolerance"
            : $"every metric that could be judged is within its tolerance; {Names(unjudged)} had no usable data";
    }

    private static string Names(IEnumerable<GateRow> rows) => string.Join(", ", rows.Select(r => r.Name));

    private static string Weight(double weight) => weight.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
