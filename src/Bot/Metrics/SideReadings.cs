using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bot.Metrics;

/// <summary>Turns one side's points into a <see cref="SideReading"/>.</summary>
internal static class SideReadings
{
    /// <summary>The mean of the points as the value, their count as the samples, the points (in time order) as the series.</summary>
    public static SideReading Mean(IEnumerable<(DateTimeOffset At, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var series = points.OrderBy(p => p.At).ToList();
        return new SideReading(series.Count == 0 ? null : series.Average(p => p.Value), series.Count, series);
    }
}
