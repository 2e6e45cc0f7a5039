using System.Globalization;

namespace ChatOpsRelease.Commands.Analysis;

/// <summary>How a verdict writes its numbers: rates in percent, differences in percentage points, latencies, ratios.</summary>
internal static class VerdictTexts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"4,000".</summary>
    public static string Count(long count) => count.ToString("N0", Invariant);

    /// <summary>
    /// A rate as a percentage: one decimal from 1 % up ("2.6 %"), two significant digits below ("0.52 %", "0.012 %"),
    /// trailing zeros dropped but one decimal kept ("0.5 %", "2.0 %"); "0 %" for none.
    /// </summary>
    public static string Percent(double rate)
    {
        var percent = rate * 100;
        if (percent == 0)
        {
            return "0 %";
        }

        var decimals = percent >= 1 ? 1 : Math.Min(6, 1 - (int)Math.Floor(Math.Log10(percent)));
        return Trim(percent.ToString("F" + decimals, Invariant)) + " %";
    }

    /// <summary>How many decimals to write percentage points with, so an interval this wide shows two significant digits (1 to 3).</summary>
    public static int PointDecimals(Interval interval)
    {
        var width = (interval.High - interval.Low) * 100;
        return width <= 0 ? 1 : Math.Clamp(1 - (int)Math.Floor(Math.Log10(width)), 1, 3);
    }

    /// <summary>A difference of rates in percentage points, without a unit: "2.1", "-0.19".</summary>
    public static string Points(double difference, int decimals)
    {
        var text = (difference * 100).ToString("F" + decimals, Invariant);
        return text.TrimStart('-').All(c => c is '0' or '.') ? text.TrimStart('-') : text;
    }

    /// <summary>"1.4–2.8" when both ends are positive, else "-0.3 to 0.5" (a dash beside a minus sign misleads).</summary>
    public static string Range(Interval interval, int decimals)
    {
        var (low, high) = (Points(interval.Low, decimals), Points(interval.High, decimals));
        return low.StartsWith('-') || high.StartsWith('-') ? $"{low} to {high}" : $"{low}–{high}";
    }

    /// <summary>The margin as a number of points, shortest form: "1", "0.5", "0.25".</summary>
    public static string Margin(double margin) => Trim((margin * 100).ToString("F4", Invariant), keepDecimal: false);

    /// <summary>"95 %", "99.9 %".</summary>
    public static string Confidence(double confidence) => Trim((confidence * 100).ToString("F4", Invariant), keepDecimal: false) + " %";

    /// <summary>A latency in seconds: "310 ms", "4.5 ms", "1.24 s".</summary>
    public static string Latency(double? seconds) => seconds switch
    {
        null => "unknown",
        >= 1 => seconds.Value.ToString("0.00", Invariant) + " s",
        >= 0.01 => (seconds.Value * 1000).ToString("0", Invariant) + " ms",
        _ => (seconds.Value * 1000).ToString("0.0", Invariant) + " ms",
    };

    /// <summary>"1.55 ×".</summary>
    public static string Ratio(double ratio) => ratio.ToString("0.00", Invariant) + " ×";

    private static string Trim(string number, bool keepDecimal = true)
    {
        if (!number.Contains('.', StringComparison.Ordinal))
        {
            return number;
        }

        var trimmed = number.TrimEnd('0');
        return trimmed.EndsWith('.') ? (keepDecimal ? trimmed + "0" : trimmed[..^1]) : trimmed;
    }
}
