using MathNet.Numerics.Distributions;

namespace ChatOpsRelease.Commands.Analysis;

/// <summary>A two-sided confidence interval.</summary>
internal readonly record struct Interval(double Low, double High);

/// <summary>
/// Score intervals for error rates and for the difference of two of them. Wilson's interval for one proportion and
/// Newcombe's hybrid score interval for a difference (Newcombe 1998, method 10) keep their coverage for small counts
/// and for zero errors, where the textbook normal-approximation (Wald) interval collapses to a point.
/// </summary>
internal static class ProportionIntervals
{
    /// <summary>The standard normal quantile that leaves (1 − <paramref name="confidence"/>) / 2 in each tail (1.96 at 0.95).</summary>
    public static double TwoSidedZ(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence is between 0 and 1, e.g. 0.95.");
        }

        return Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
    }

    /// <summary>Wilson's score interval for <paramref name="events"/> out of <paramref name="trials"/>.</summary>
    public static Interval Wilson(long events, long trials, double confidence)
    {
        Check(events, trials);
        var z = TwoSidedZ(confidence);
        double n = trials;
        var p = events / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));

        // The ends are exactly 0 and 1 when nothing (or everything) happened; rounding must not push them past.
        var low = events == 0 ? 0 : Math.Max(0, centre - half);
        var high = events == trials ? 1 : Math.Min(1, centre + half);
        return new Interval(low, high);
    }

    /// <summary>
    /// Newcombe's hybrid score interval for p₁ − p₂, built from the Wilson intervals of each side:
    /// from d − √((p₁ − l₁)² + (u₂ − p₂)²) to d + √((u₁ − p₁)² + (p₂ − l₂)²).
    /// </summary>
    public static Interval NewcombeDifference(long events1, long trials1, long events2, long trials2, double confidence)
    {
        Check(events1, trials1);
        Check(events2, trials2);
        var (p1, p2) = ((double)events1 / trials1, (double)events2 / trials2);
        var (w1, w2) = (Wilson(events1, trials1, confidence), Wilson(events2, trials2, confidence));
        var d = p1 - p2;
        var low = d - Math.Sqrt(Square(p1 - w1.Low) + Square(w2.High - p2));
        var high = d + Math.Sqrt(Square(w1.High - p1) + Square(p2 - w2.Low));
        return new Interval(Math.Max(-1, low), Math.Min(1, high));
    }

    private static double Square(double x) => x * x;

    private static void Check(long events, long trials)
    {
        if (trials <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "An interval needs at least one trial.");
        }

        if (events < 0 || events > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, $"Events must be between 0 and the {trials} trials.");
        }
    }
}
