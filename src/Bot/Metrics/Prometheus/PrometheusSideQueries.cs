using System.Globalization;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>The five PromQL queries of one side, its templates filled in.</summary>
internal sealed record PrometheusSideQueries(MetricSide Side, string Requests, string Errors, string P50, string P95, string P99)
{
    public static PrometheusSideQueries Fill(PrometheusQueries templates, AppSpec app, MetricSide side, PrometheusRange range)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(range);
        string Filled(string? template, string quantile = "") => (template ?? string.Empty)
            .Replace("{app}", Quoted(app.Name), StringComparison.Ordinal)
            .Replace("{namespace}", Quoted(app.Namespace), StringComparison.Ordinal)
            .Replace("{track}", Quoted(side.Track), StringComparison.Ordinal)
            .Replace("{version}", Quoted(side.Version), StringComparison.Ordinal)
            .Replace("{errors}", Quoted(templates.ErrorCodes ?? string.Empty), StringComparison.Ordinal)
            .Replace("{window}", PrometheusRange.Duration(range.RateWindow), StringComparison.Ordinal)
            .Replace("{step}", PrometheusRange.Duration(range.Step), StringComparison.Ordinal)
            .Replace("{quantile}", quantile, StringComparison.Ordinal);

        return new PrometheusSideQueries(
            side,
            Filled(templates.Requests),
            Filled(templates.Errors),
            Filled(templates.Latency, Quantile(0.5)),
            Filled(templates.Latency, Quantile(0.95)),
            Filled(templates.Latency, Quantile(0.99)));
    }

    /// <summary>The lines <see cref="Commands.Analysis.ComparisonData.Query"/> shows for this side.</summary>
    public string Describe() => $"requests ({Side.Track}): {Requests}\nerrors ({Side.Track}): {Errors}";

    private static string Quantile(double q) => q.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A value as it may stand inside a PromQL double-quoted string (backslashes and quotes escaped).</summary>
    private static string Quoted(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
