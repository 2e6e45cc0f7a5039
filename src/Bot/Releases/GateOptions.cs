using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>
/// One gate metric of an app as configuration writes it (<c>Apps:&lt;app&gt;:Gates</c>): a built-in by <see cref="Name"/>
/// (<c>cpu</c>, <c>memory</c>, <c>cpu-per-request</c>, <c>restarts</c>, <c>availability</c>), optionally with its settings
/// changed, or an app's own with a <see cref="Query"/>. Unset values keep the built-in's (or, for an own metric, the
/// defaults below).
/// </summary>
public sealed class GateOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>An own metric's query: PromQL (with {app}, {namespace}, {track}, {version}, {window}) or an Elasticsearch query string.</summary>
    public string? Query { get; set; }

    /// <summary>Where an own metric's query runs: <c>prometheus</c> or <c>elasticsearch</c>; the app's metric source when empty.</summary>
    public string? Source { get; set; }

    /// <summary><c>LowerIsBetter</c> or <c>HigherIsBetter</c> (an own metric: higher is better unless said).</summary>
    public MetricDirection? Direction { get; set; }

    /// <summary>How much worse the canary may be: relative (0.25 = 25 %), a count for restarts, a share for availability.</summary>
    public double? Tolerance { get; set; }

    public double? Weight { get; set; }

    public bool? Critical { get; set; }

    public int? MinSamples { get; set; }

    /// <summary>The metric, or why it cannot be one.</summary>
    internal (GateMetric? Metric, string? Problem) ToMetric(string at)
    {
        var name = Name.Trim().ToLowerInvariant();
        if (name.Length == 0)
        {
            return (null, $"{at}: a gate needs a Name (a built-in: {string.Join(", ", GateMetric.BuiltIn.Keys.Where(k => k != "errors"))}; or your own with a Query).");
        }

        if (name == GateMetric.Errors.Name)
        {
            return (null, $"{at}: errors (error rate and p95) is always judged, with Apps:<app>:Analysis; leave it out of Gates.");
        }

        GateMetric metric;
        if (GateMetric.BuiltIn.TryGetValue(name, out var builtIn))
        {
            if (!string.IsNullOrWhiteSpace(Query))
            {
                return (null, $"{at}: '{name}' is a built-in metric with its own query; give your metric another name.");
            }

            metric = builtIn;
        }
        else if (string.IsNullOrWhiteSpace(Query))
        {
            return (null, $"{at}: '{name}' is not a built-in metric ({string.Join(", ", GateMetric.BuiltIn.Keys.Where(k => k != "errors"))}), so it needs a Query.");
        }
        else
        {
            var source = Source?.Trim().ToLowerInvariant();
            if (source is not (null or "" or "prometheus" or "elasticsearch"))
            {
                return (null, $"{at}:Source '{Source}' must be prometheus or elasticsearch.");
            }

            metric = new GateMetric(name, GateMetricKind.Custom, MetricDirection.HigherIsBetter, 0.05, 1, false)
            {
                Query = Query.Trim(), Source = string.IsNullOrEmpty(source) ? null : source,
            };
        }

        metric = metric with
        {
            Direction = Direction ?? metric.Direction,
            Tolerance = Tolerance ?? metric.Tolerance,
            Weight = Weight ?? metric.Weight,
            Critical = Critical ?? metric.Critical,
            MinSamples = MinSamples ?? metric.MinSamples,
        };
        var problem = metric.Tolerance < 0 || double.IsNaN(metric.Tolerance) ? $"{at}:Tolerance must be 0 or more."
            : metric.Weight <= 0 || double.IsNaN(metric.Weight) ? $"{at}:Weight must be more than 0."
            : metric.MinSamples < 1 ? $"{at}:MinSamples must be at least 1."
            : null;
        return problem is null ? (metric, null) : (null, problem);
    }
}
