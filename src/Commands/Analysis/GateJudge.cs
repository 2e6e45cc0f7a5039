using System.Globalization;

namespace ChatOpsRelease.Commands.Analysis;

/// <summary>One gate metric judged: its outcome, each side as people read it, and why.</summary>
public sealed record GateRow(string Name, VerdictOutcome Outcome, bool Critical, double Weight, string Stable, string Canary, string Reason);

/// <summary>
/// Judges one gate metric other than errors with the same honesty as errors: no data or too few samples is
/// Inconclusive with the reason — never a Pass — and a Fail names the numbers and the tolerance it broke.
/// </summary>
public static class GateJudge
{
    public static GateRow Judge(GateMetric metric, MetricReading reading)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(reading);
        var (stable, canary) = (Show(metric, reading.Stable), Show(metric, reading.Canary));
        GateRow Row(VerdictOutcome outcome, string reason) => new(metric.Name, outcome, metric.Critical, metric.Weight, stable, canary, reason);

        if (reading.NoData is { } missing)
        {
            return Row(VerdictOutcome.Inconclusive, $"no data — {missing}");
        }

        if (reading.Stable is not { Value: { } s } stableSide || reading.Canary is not { Value: { } c } canarySide)
        {
            return Row(VerdictOutcome.Inconclusive, $"no data for {(reading.Stable?.Value is null ? "stable" : "the canary")}");
        }

        var needed = metric.Kind == GateMetricKind.Restarts ? 1 : metric.MinSamples;
        if (Math.Min(stableSide.Samples, canarySide.Samples) < needed)
        {
            var (side, count) = stableSide.Samples <= canarySide.Samples ? ("stable", stableSide.Samples) : ("the canary", canarySide.Samples);
            var unit = metric.Kind == GateMetricKind.Restarts ? "pod" : "sample";
            return Row(VerdictOutcome.Inconclusive, $"{side} has {count} {unit}{(count == 1 ? string.Empty : "s")}; at least {needed} needed");
        }

        return metric.Kind switch
        {
            GateMetricKind.Restarts => c > s + metric.Tolerance
                ? Row(VerdictOutcome.Fail, $"the canary restarted {Count(c)} times against {Count(s)} for stable (tolerance {Count(metric.Tolerance)})")
                : Row(VerdictOutcome.Pass, $"{Count(c)} restarts against {Count(s)} (tolerance {Count(metric.Tolerance)})"),
            GateMetricKind.Availability => s - c > metric.Tolerance
                ? Row(VerdictOutcome.Fail, $"the canary's pods were ready {Percent(c)} of the time against {Percent(s)}, more than {Percent(metric.Tolerance)} less")
                : Row(VerdictOutcome.Pass, $"ready {Percent(c)} against {Percent(s)} (tolerance {Percent(metric.Tolerance)})"),
            _ => Relative(metric, s, c, Row),
        };
    }

    private static GateRow Relative(GateMetric metric, double s, double c, Func<VerdictOutcome, string, GateRow> row)
    {
        var worse = metric.Direction == MetricDirection.LowerIsBetter ? c - s : s - c;
        var change = s == 0 ? (worse > 0 ? double.PositiveInfinity : 0) : worse / Math.Abs(s);
        var how = metric.Direction == MetricDirection.LowerIsBetter ? "higher" : "lower";
        var shown = double.IsPositiveInfinity(change) ? "above a stable value of 0" : $"{Percent(Math.Abs(change))} {(worse > 0 ? how : "better")}";
        return change > metric.Tolerance
            ? row(VerdictOutcome.Fail, $"the canary is {shown} than stable, more than the {Percent(metric.Tolerance)} allowed")
            : row(VerdictOutcome.Pass, $"{(worse > 0 ? shown : "not worse")} (allowed: {Percent(metric.Tolerance)} {how})");
    }

    /// <summary>A side's value as people read it: cores, MiB, milliseconds of CPU per request, a count, a share.</summary>
    public static string Show(GateMetric metric, SideReading? side)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (side?.Value is not { } value)
        {
            return "—";
        }

        var text = metric.Kind switch
        {
            GateMetricKind.Cpu => $"{value.ToString("0.000", CultureInfo.InvariantCulture)} cores/pod",
            GateMetricKind.Memory => $"{(value / 1024 / 1024).ToString("0", CultureInfo.InvariantCulture)} MiB/pod",
            GateMetricKind.CpuPerRequest => $"{(value * 1000).ToString("0.00", CultureInfo.InvariantCulture)} ms CPU/req",
            GateMetricKind.Restarts => Count(value),
            GateMetricKind.Availability => Percent(value),
            _ => value.ToString("0.####", CultureInfo.InvariantCulture),
        };
        return side.Note is { Length: > 0 } note ? $"{text} ({note})" : text;
    }

    private static string Count(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
