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
        string Filled(string? template, string quantile = "") => Template(template ?? string.Empty, app, side, range, templates.ErrorCodes, quantile);

        return new PrometheusSideQueries(
            side,
            Filled(templates.Requests),
            Filled(templates.Errors),
            Filled(templates.Latency, Quantile(0.5)),
            Filled(templates.Latency, Quantile(0.95)),
            Filled(templates.Latency, Quantile(0.99)));
    }

    /// <summary>
    /// <paramref name="template"/> for one side: <c>{app}</c>, <c>{namespace}</c>, <c>{track}</c>, <c>{version}</c> and
    /// <c>{errors}</c> quoted for a PromQL string, <c>{window}</c> and <c>{step}</c> as durations, <c>{quantile}</c> as given.
    /// </summary>
    public static string Template(string template, AppSpec app, MetricSide side, PrometheusRange range, string? errorCodes, string quantile = "")
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(range);
        return template
            .Replace("{app}", Quoted(app.Name), StringComparison.Ordinal)
            .Replace("{namespace}", Quoted(app.Namespace), StringComparison.Ordinal)
            .Replace("{track}", Quoted(side.Track), StringComparison.Ordinal)
            .Replace("{version}", Quoted(side.Version), StringComparison.Ordinal)
            .Replace("{errors}", Quoted(errorCodes ?? string.Empty), StringComparison.Ordinal)
            .Replace("{window}", PrometheusRange.Duration(range.RateWindow), StringComparison.Ordinal)
            .Replace("{step}", PrometheusRange.Duration(range.Step), StringComparison.Ordinal)
            .Replace("{quantile}", quantile, StringComparison.Ordinal);
    }

    /// <summary>The lines <see cref="Commands.Analysis.ComparisonData.Query"/> shows for this side.</summary>
    public string Describe() => $"requests ({Side.Track}): {Requests}\nerrors ({Side.Track}): {Errors}";

    private static string Quantile(double q) => q.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A value as it may stand inside a PromQL double-quoted string (backslashes and quotes escaped).</summary>
    private static string Quoted(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
