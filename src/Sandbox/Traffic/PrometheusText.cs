using System.Globalization;
using System.Text;

namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// The recorded traffic in the Prometheus text exposition format 0.0.4: <c>http_requests_total</c> (a counter by
/// app, namespace, track, version and code) and <c>http_request_duration_seconds</c> (a histogram by app, namespace,
/// track and version); then the pods' series under the names cAdvisor and kube-state-metrics give them:
/// <c>container_cpu_usage_seconds_total</c> (a counter) and <c>container_memory_working_set_bytes</c> (a gauge) by
/// namespace, pod and container for each running pod, <c>kube_pod_labels</c> (1, by namespace, pod, label_app,
/// label_track and label_version) and <c>kube_pod_status_ready</c> (1 or 0, by namespace, pod and
/// <c>condition="true"</c>) for each pod.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(TrafficRecorder recorder, IReadOnlyList<PodView> pods, PodUsage usage)
    {
        var (requests, histograms) = recorder.Snapshot();
        var text = new StringBuilder();
        text.Append("# HELP http_requests_total Requests served by the sandbox's simulated apps.\n");
        text.Append("# TYPE http_requests_total counter\n");
        foreach (var (key, count) in requests)
        {
            text.Append("http_requests_total{").Append(Labels(key.Series)).Append(",code=\"").Append(Escape(key.Code)).Append("\"} ")
                .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("# HELP http_request_duration_seconds Latency of the requests served by the sandbox's simulated apps.\n");
        text.Append("# TYPE http_request_duration_seconds histogram\n");
        foreach (var (key, counts, sum, count) in histograms)
        {
            var labels = Labels(key);
            long cumulative = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                cumulative += counts[i];
                var le = i < SideTick.Bounds.Length ? Number(SideTick.Bounds[i]) : "+Inf";
                text.Append("http_request_duration_seconds_bucket{").Append(labels).Append(",le=\"").Append(le).Append("\"} ")
                    .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append("http_request_duration_seconds_sum{").Append(labels).Append("} ").Append(Number(sum)).Append('\n');
            text.Append("http_request_duration_seconds_count{").Append(labels).Append("} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AppendPods(text, pods, usage);
        return text.ToString();
    }

    private static void AppendPods(StringBuilder text, IReadOnlyList<PodView> pods, PodUsage usage)
    {
        var running = pods.Where(p => p.Running).ToList();
        Family(text, "container_cpu_usage_seconds_total", "counter", "Cumulative CPU time used by the simulated container, in seconds.");
        foreach (var pod in running)
        {
            var seconds = usage.CpuSeconds(pod);
            for (var i = 0; i < pod.Containers.Count; i++)
            {
                Sample(text, "container_cpu_usage_seconds_total", ContainerLabels(pod, pod.Containers[i]), Number(seconds[i]));
            }
        }

        Family(text, "container_memory_working_set_bytes", "gauge", "Working-set memory of the simulated container, in bytes.");
        foreach (var pod in running)
        {
            foreach (var container in pod.Containers)
            {
                Sample(text, "container_memory_working_set_bytes", ContainerLabels(pod, container), usage.MemoryBytes(container.Version).ToString(CultureInfo.InvariantCulture));
            }
        }

        Family(text, "kube_pod_labels", "gauge", "The simulated pod's app and track labels and its version (image tag).");
        foreach (var pod in pods)
        {
            Sample(text, "kube_pod_labels", $"{PodLabels(pod)},label_app=\"{Escape(pod.App)}\",label_track=\"{Escape(pod.Track)}\",label_version=\"{Escape(pod.Version)}\"", "1");
        }

        Family(text, "kube_pod_status_ready", "gauge", "Whether the simulated pod is ready (1) or not (0).");
        foreach (var pod in pods)
        {
            Sample(text, "kube_pod_status_ready", $"{PodLabels(pod)},condition=\"true\"", pod.Ready ? "1" : "0");
        }
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, string value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value).Append('\n');

    private static string PodLabels(PodView pod) => $"namespace=\"{Escape(pod.Namespace)}\",pod=\"{Escape(pod.Name)}\"";

    private static string ContainerLabels(PodView pod, ContainerView container) => $"{PodLabels(pod)},container=\"{Escape(container.Name)}\"";

    private static string Labels(TrafficRecorder.SeriesKey key) =>
        $"app=\"{Escape(key.App)}\",namespace=\"{Escape(key.Namespace)}\",track=\"{Escape(key.Track)}\",version=\"{Escape(key.Version)}\"";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
