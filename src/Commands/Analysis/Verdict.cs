namespace ChatOpsRelease.Commands.Analysis;

public enum VerdictOutcome
{
    Pass,
    Fail,
    Inconclusive,
}

/// <summary>The numbers of one comparison, for the table and the explanation.</summary>
/// <param name="Difference">Canary error rate minus stable error rate.</param>
/// <param name="DifferenceLow">The lower end of the difference's confidence interval.</param>
/// <param name="DifferenceHigh">The upper end of the difference's confidence interval.</param>
/// <param name="P95Ratio">Canary p95 latency over stable p95 latency, when both are known.</param>
public sealed record VerdictNumbers(
    long StableRequests,
    long StableErrors,
    long CanaryRequests,
    long CanaryErrors,
    double? StableErrorRate,
    double? CanaryErrorRate,
    double? Difference,
    double? DifferenceLow,
    double? DifferenceHigh,
    double? StableP95,
    double? CanaryP95,
    double? P95Ratio);

/// <summary>
/// Pass, Fail or Inconclusive — with the reasons in sentences a release engineer can repeat to a colleague: the counts
/// and rates on each side, the difference with its confidence interval, the thresholds, the test used and the query.
/// </summary>
public sealed record Verdict(VerdictOutcome Outcome, string Headline, IReadOnlyList<string> Reasons, VerdictNumbers? Numbers, string? Query, string? Link);

/// <summary>A verdict as remembered with its release (shown by <c>status</c>).</summary>
public sealed class VerdictRecord
{
    public VerdictOutcome Outcome { get; set; }

    public string Headline { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Window { get; set; } = string.Empty;

    /// <summary>Each gate metric judged besides errors (with errors first), when the app has any; empty otherwise.</summary>
    public List<GateRecord> Gates { get; set; } = [];
}

/// <summary>One row of a remembered comparison's metric table.</summary>
public sealed class GateRecord
{
    public string Name { get; set; } = string.Empty;

    public VerdictOutcome Outcome { get; set; }

    public string Stable { get; set; } = string.Empty;

    public string Canary { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;
}
