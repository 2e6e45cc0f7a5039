namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>
/// The PromQL behind the resource and availability gate metrics, section <c>Metrics:Prometheus:Resources</c> (an app may
/// replace any of them under <c>Apps:&lt;app&gt;:Prometheus:Resources</c>). Filled like the request queries, plus
/// <c>{requests}</c> in <see cref="CpuPerRequest"/>: the app's requests query for the same side. The defaults join the
/// kubelet's container metrics to the pods' <c>app</c> and <c>track</c> labels through kube-state-metrics'
/// <c>kube_pod_labels</c>, summing a pod's containers first so that a sidecar does not halve the average.
/// </summary>
public sealed class PrometheusResourceQueries
{
    /// <summary>The pods of one side, as a right-hand side for <c>* on(namespace, pod) group_left()</c>.</summary>
    private const string SidePods = """kube_pod_labels{namespace="{namespace}",label_app="{app}",label_track="{track}"}""";

    private const string PodCpu = """sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{namespace="{namespace}",container!="",container!="POD"}[{window}]))""";

    public const string DefaultCpu = "avg(" + PodCpu + " * on(namespace, pod) group_left() " + SidePods + ")";

    public const string DefaultMemory =
        """avg(sum by (namespace, pod) (container_memory_working_set_bytes{namespace="{namespace}",container!="",container!="POD"}) * on(namespace, pod) group_left() """ + SidePods + ")";

    public const string DefaultCpuPerRequest = "sum(" + PodCpu + " * on(namespace, pod) group_left() " + SidePods + ") / on() ({requests})";

    public const string DefaultAvailability =
        """avg(avg_over_time(kube_pod_status_ready{namespace="{namespace}",condition="true"}[{window}]) * on(namespace, pod) group_left() """ + SidePods + ")";

    /// <summary>CPU seconds per second of one pod of the side, averaged over its pods.</summary>
    public string? Cpu { get; set; }

    /// <summary>Working-set bytes of one pod of the side, averaged over its pods.</summary>
    public string? Memory { get; set; }

    /// <summary>CPU seconds per request: the side's CPU over its request rate.</summary>
    public string? CpuPerRequest { get; set; }

    /// <summary>The share (0 to 1) of the side's pods that were ready.</summary>
    public string? Availability { get; set; }

    /// <summary>The defaults, for <see cref="PrometheusOptions.Resources"/>.</summary>
    internal static PrometheusResourceQueries Defaults() => new()
    {
        Cpu = DefaultCpu,
        Memory = DefaultMemory,
        CpuPerRequest = DefaultCpuPerRequest,
        Availability = DefaultAvailability,
    };

    /// <summary>Each query from <paramref name="own"/> where it has one, else from this.</summary>
    internal PrometheusResourceQueries With(PrometheusResourceQueries? own) => new()
    {
        Cpu = own?.Cpu ?? Cpu,
        Memory = own?.Memory ?? Memory,
        CpuPerRequest = own?.CpuPerRequest ?? CpuPerRequest,
        Availability = own?.Availability ?? Availability,
    };

    /// <summary>The keys and their queries, for validation.</summary>
    internal IEnumerable<(string Key, string? Template)> All() =>
        [(nameof(Cpu), Cpu), (nameof(Memory), Memory), (nameof(CpuPerRequest), CpuPerRequest), (nameof(Availability), Availability)];
}
