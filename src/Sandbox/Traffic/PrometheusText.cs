using System.Globalization;
using System.Text;

namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// The recorded traffic in the Prometheus text exposition format 0.0.4: <c>http_requests_total</c> (a counter by
/// app, namespace, track, version and code) and <c>http_request_duration_seconds</c> (a histogram by app, namespace,
/// track and version).
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(TrafficRecorder recorder)
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

        return text.ToString();
    }

    private static string Labels(TrafficRecorder.SeriesKey key) =>
        $"app=\"{Escape(key.App)}\",namespace=\"{Escape(key.Namespace)}\",track=\"{Escape(key.Track)}\",version=\"{Escape(key.Version)}\"";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
