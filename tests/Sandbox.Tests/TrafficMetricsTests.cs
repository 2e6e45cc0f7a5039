using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary><c>GET /metrics</c> over HTTP, read the way Prometheus reads the text format 0.0.4.</summary>
public sealed class TrafficMetricsTests : TrafficTestBase
{
    private static readonly string[] RequestLabels = ["app", "code", "namespace", "track", "version"];
    private static readonly string[] SeriesLabels = ["app", "namespace", "track", "version"];
    private static readonly string[] BucketLabels = ["app", "le", "namespace", "track", "version"];

    [Fact]
    public async Task Metrics_ParseAsPrometheusText_WithCumulativeHistograms_AndCountsMatchingTheRequests()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        await AddCanaryAsync("checkout", 1, "registry.local/checkout:1.1-bad");
        Time.Advance(TimeSpan.FromMinutes(2));

        var (contentType, samples, comments) = await ScrapeAsync();

        Assert.StartsWith("text/plain; version=0.0.4", contentType, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_requests_total counter", comments);
        Assert.Contains("# TYPE http_request_duration_seconds histogram", comments);
        Assert.Contains(comments, c => c.StartsWith("# HELP http_requests_total ", StringComparison.Ordinal));
        Assert.Contains(comments, c => c.StartsWith("# HELP http_request_duration_seconds ", StringComparison.Ordinal));
        var requests = samples.Where(s => s.Name == "http_requests_total").ToList();
        Assert.All(requests, s => Assert.Equal(RequestLabels, s.Labels.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(
            ["canary/1.1-bad/200", "canary/1.1-bad/500", "stable/1.0/200", "stable/1.0/500"],
            requests.Select(s => $"{s.Labels["track"]}/{s.Labels["version"]}/{s.Labels["code"]}").Order(StringComparer.Ordinal));
        Assert.Equal(12_000, requests.Sum(s => s.Value));
        Assert.All(samples, s => Assert.Contains(s.Name, new[]
        {
            "http_requests_total", "http_request_duration_seconds_bucket", "http_request_duration_seconds_sum", "http_request_duration_seconds_count",
            "container_cpu_usage_seconds_total", "container_memory_working_set_bytes", "kube_pod_labels", "kube_pod_status_ready",
        }));
        foreach (var series in samples.Where(s => s.Name.StartsWith("http_request_duration_seconds", StringComparison.Ordinal)).GroupBy(SeriesOf))
        {
            var buckets = series.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            Assert.All(buckets, b => Assert.Equal(BucketLabels, b.Labels.Keys.Order(StringComparer.Ordinal)));
            Assert.Equal(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], buckets.Select(b => b.Labels["le"]));
            Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
            var count = Assert.Single(series, s => s.Name == "http_request_duration_seconds_count").Value;
            var sum = Assert.Single(series, s => s.Name == "http_request_duration_seconds_sum").Value;
            Assert.Equal(count, buckets[^1].Value);
            Assert.Equal(count, requests.Where(r => SeriesOf(r) == series.Key).Sum(r => r.Value));
            Assert.InRange(sum / count, 0.07, 0.11);
        }
    }

    [Fact]
    public async Task Metrics_CountersOnlyGrow_AndMatchTheQueriedTotals()
    {
        await SeedAsync("checkout", 4, "registry.local/checkout:1.0");
        await AddCanaryAsync("checkout", 1, "registry.local/checkout:1.1");
        Time.Advance(TimeSpan.FromMinutes(1));
        var first = (await ScrapeAsync()).Samples;
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = (await ScrapeAsync()).Samples;

        Assert.All(first, s => Assert.True(second.Single(t => t.Key == s.Key).Value >= s.Value, $"{s.Key} went down"));
        Assert.True(second.Where(s => s.Name == "http_requests_total").Sum(s => s.Value) > first.Where(s => s.Name == "http_requests_total").Sum(s => s.Value));
        var queried = Sandbox.Traffic.Query("shop", "checkout", Start, Time.GetUtcNow(), TimeSpan.FromMinutes(2));
        foreach (var bucket in queried)
        {
            var counted = second.Where(s => s.Name == "http_requests_total" && s.Labels["track"] == bucket.Track && s.Labels["version"] == bucket.Version);
            Assert.Equal(bucket.Requests, counted.Sum(s => s.Value));
            Assert.Equal(bucket.Errors, counted.Where(s => s.Labels["code"] == "500").Sum(s => s.Value));
        }
    }

    private static string SeriesOf(Sample sample) => string.Join(",", SeriesLabels.Select(l => sample.Labels[l]));

    private Task<Scrape> ScrapeAsync() => Scrape.GetAsync(Sandbox.BaseAddress);
}

/// <summary>With the simulation off, nothing is simulated and /metrics has no samples.</summary>
public sealed class TrafficDisabledTests : TrafficTestBase
{
    public TrafficDisabledTests()
    {
        Traffic.Enabled = false;
    }

    [Fact]
    public async Task Disabled_NoTicks_NoBuckets_NoSamples()
    {
        await SeedAsync("checkout", 2, "registry.local/checkout:1.0");
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(Sandbox.Traffic.Enabled);
        Assert.Null(Sandbox.Traffic.SimulatedUntil);
        Assert.Empty(Sandbox.Traffic.Query("shop", "checkout", Start, Time.GetUtcNow(), TimeSpan.FromMinutes(1)));
        using var http = new HttpClient { BaseAddress = Sandbox.BaseAddress };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("#", line, StringComparison.Ordinal));
    }
}
