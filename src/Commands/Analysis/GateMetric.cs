namespace ChatOpsRelease.Commands.Analysis;

/// <summary>Which way a metric is better.</summary>
public enum MetricDirection
{
    LowerIsBetter,
    HigherIsBetter,
}

/// <summary>What a gate metric measures, and so where its numbers come from.</summary>
public enum GateMetricKind
{
    /// <summary>Error rate and p95 latency: the comparison <see cref="CanaryJudge"/> has always made.</summary>
    Errors,

    /// <summary>CPU seconds per second, per pod (Prometheus: <c>container_cpu_usage_seconds_total</c> joined to the pods' track).</summary>
    Cpu,

    /// <summary>Working-set memory in bytes, per pod (Prometheus: <c>container_memory_working_set_bytes</c>).</summary>
    Memory,

    /// <summary>CPU seconds per request: the side's CPU over its request rate.</summary>
    CpuPerRequest,

    /// <summary>Container restarts in the window (the Kubernetes API: restart counts), with the last termination reason (e.g. OOMKilled).</summary>
    Restarts,

    /// <summary>The share of the window the side's pods were ready (Prometheus: <c>kube_pod_status_ready</c>).</summary>
    Availability,

    /// <summary>An app's own query (PromQL or Elasticsearch), e.g. a conversion rate.</summary>
    Custom,
}

/// <summary>
/// One metric a comparison judges besides (or instead of) errors: how it is measured, which way is better, how much worse
/// the canary may be (<see cref="Tolerance"/>: relative — 0.25 is 25 % — except for restarts, where it is a count, and
/// availability, where it is an absolute share), how much it weighs among the non-critical metrics, and whether failing
/// it alone fails the step.
/// </summary>
public sealed record GateMetric(string Name, GateMetricKind Kind, MetricDirection Direction, double Tolerance, double Weight, bool Critical)
{
    /// <summary>For <see cref="GateMetricKind.Custom"/>: the query, with the placeholders of the source's own queries (<c>{app}</c>, <c>{namespace}</c>, <c>{track}</c>, <c>{version}</c>, <c>{window}</c>).</summary>
    public string? Query { get; init; }

    /// <summary>For <see cref="GateMetricKind.Custom"/>: <c>prometheus</c> or <c>elasticsearch</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The fewest samples (data points with a value) each side needs before the metric is judged.</summary>
    public int MinSamples { get; init; } = 3;

    public static readonly GateMetric Errors = new("errors", GateMetricKind.Errors, MetricDirection.LowerIsBetter, 0, 1, true);

    /// <summary>The built-in metrics by name, with their defaults (an app may name them, or define its own).</summary>
    public static IReadOnlyDictionary<string, GateMetric> BuiltIn { get; } = new Dictionary<string, GateMetric>(StringComparer.OrdinalIgnoreCase)
    {
        ["errors"] = Errors,
        ["cpu"] = new("cpu", GateMetricKind.Cpu, MetricDirection.LowerIsBetter, 0.25, 1, false),
        ["memory"] = new("memory", GateMetricKind.Memory, MetricDirection.LowerIsBetter, 0.25, 1, false),
        ["cpu-per-request"] = new("cpu-per-request", GateMetricKind.CpuPerRequest, MetricDirection.LowerIsBetter, 0.25, 1, false),
        ["restarts"] = new("restarts", GateMetricKind.Restarts, MetricDirection.LowerIsBetter, 0, 1, true),
        ["availability"] = new("availability", GateMetricKind.Availability, MetricDirection.HigherIsBetter, 0.01, 1, true),
    };
}

/// <summary>One side's measurement: its value over the window, how many samples it rests on, its series (for the chart) and a note (e.g. "last: OOMKilled").</summary>
public sealed record SideReading(double? Value, int Samples, IReadOnlyList<(DateTimeOffset At, double Value)> Series, string? Note = null);

/// <summary>Both sides of one gate metric, the query that measured them, or why there is no data (never zeros).</summary>
public sealed record MetricReading(SideReading? Stable, SideReading? Canary, string Query, string? NoData)
{
    public static MetricReading Missing(string reason, string query = "") => new(null, null, query, reason);
}

/// <summary>A gate metric with what was measured for it (for the chart's panels).</summary>
public sealed record GateReading(GateMetric Metric, MetricReading Reading);
