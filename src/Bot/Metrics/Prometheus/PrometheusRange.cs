using System.Globalization;
using System.Text;
using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>
/// How a <see cref="MetricWindow"/> is asked of <c>query_range</c>: evaluated at <c>From + Step</c>, <c>From + 2·Step</c>
/// … up to <c>To</c>, each sample standing for the bucket that ends at it (so the bucket starting at <c>t − Step</c>),
/// with a rate window of <c>max(Step, MinRateWindow)</c>.
/// </summary>
internal sealed record PrometheusRange(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step, TimeSpan RateWindow)
{
    public static PrometheusRange For(MetricWindow window, TimeSpan minRateWindow)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window.Step, "The step of a metric window must be positive.");
        }

        var start = window.From + window.Step;
        return new PrometheusRange(start > window.To ? window.To : start, window.To, window.Step, window.Step > minRateWindow ? window.Step : minRateWindow);
    }

    /// <summary>The start of the bucket a sample at <paramref name="at"/> counts.</summary>
    public DateTimeOffset BucketStart(DateTimeOffset at) => at - Step;

    /// <summary>A count from a per-second rate over one step, rounded to the nearest whole request.</summary>
    public long Count(double perSecond) => (long)Math.Round(perSecond * Step.TotalSeconds, MidpointRounding.AwayFromZero);

    /// <summary>A Prometheus duration: <c>1m</c>, <c>30s</c>, <c>1h30m</c>, <c>1500ms</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        var text = new StringBuilder();
        Append(text, (long)span.TotalHours, "h");
        Append(text, span.Minutes, "m");
        Append(text, span.Seconds, "s");
        Append(text, span.Milliseconds, "ms");
        return text.Length == 0 ? "0s" : text.ToString();
    }

    /// <summary>Unix seconds, as the HTTP API takes them: <c>1795687260</c> or <c>1795687260.5</c>.</summary>
    public static string UnixSeconds(DateTimeOffset at) =>
        (at.ToUnixTimeMilliseconds() / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder text, long count, string unit)
    {
        if (count > 0)
        {
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
