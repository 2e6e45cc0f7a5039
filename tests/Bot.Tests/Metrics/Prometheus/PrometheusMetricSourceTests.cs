using ChatOpsRelease.Commands.Analysis;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Prometheus.PrometheusHarness;

namespace ChatOpsRelease.Bot.Tests.Metrics.Prometheus;

public sealed class PrometheusMetricSourceTests
{
    private static readonly DateTimeOffset FirstSample = From.AddMinutes(1);

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Fetch_SendsTheFilledQueriesOfBothTracks_OverTheWindow()
    {
        await using var harness = await StartAsync();
        ServeBothSides(harness.Prometheus);

        await harness.FetchAsync();

        var calls = harness.Prometheus.Calls;
        string[] expected =
        [
            Requests("stable"), Errors("stable"), Latency("stable", "0.5"), Latency("stable", "0.95"), Latency("stable", "0.99"),
            Requests("canary"), Errors("canary"), Latency("canary", "0.5"), Latency("canary", "0.95"), Latency("canary", "0.99"),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), calls.Select(c => c.Query).Order(StringComparer.Ordinal));
        Assert.All(calls, call =>
        {
            Assert.Equal(("POST", "/api/v1/query_range"), (call.Method, call.Path));
            Assert.Equal(("1795687260", "1795687500", "60"), (call.Start, call.End, call.Step));
        });
    }

    [Fact]
    public async Task Fetch_CountsRatesTimesStep_PerBucket_WithLatencyQuantiles()
    {
        await using var harness = await StartAsync();
        ServeBothSides(harness.Prometheus);

        var result = await harness.FetchAsync();

        var data = Assert.IsType<ComparisonData>(result.Data);
        Assert.Equal(("stable", "v1.0.0"), (data.Stable.Track, data.Stable.Version));
        Assert.Equal(("canary", "v1.1.0"), (data.Canary.Track, data.Canary.Version));
        Assert.Equal(
            [
                new MetricBucket(From, 600, 3, 0.05, 0.2, 0.4),
                new MetricBucket(From.AddMinutes(1), 741, 0, 0.05, 0.2, 0.4),
                new MetricBucket(From.AddMinutes(2), 0, 0, null, null, null),
                new MetricBucket(From.AddMinutes(3), 600, 6, 0.05, 0.2, 0.4),
                new MetricBucket(From.AddMinutes(4), 600, 3, 0.06, 0.25, 0.5),
            ],
            data.Stable.Buckets);
        Assert.Equal(
            [
                new MetricBucket(From, 150, 6, 0.07, 0.3, 0.9),
                new MetricBucket(From.AddMinutes(1), 150, 6, 0.07, 0.3, 0.9),
                new MetricBucket(From.AddMinutes(2), 150, 9, 0.07, 0.3, 0.9),
                new MetricBucket(From.AddMinutes(3), 150, 12, 0.07, 0.3, 0.9),
                new MetricBucket(From.AddMinutes(4), 150, 12, 0.07, 0.3, 0.9),
            ],
            data.Canary.Buckets);
        Assert.Equal(Window, data.Window);
        Assert.Null(data.Link);
    }

    [Fact]
    public async Task Fetch_ShowsTheRequestAndErrorQueriesItSent()
    {
        await using var harness = await StartAsync();
        ServeBothSides(harness.Prometheus);

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        Assert.Equal(
            $"requests (stable): {Requests("stable")}\nerrors (stable): {Errors("stable")}\nrequests (canary): {Requests("canary")}\nerrors (canary): {Errors("canary")}",
            data.Query);
    }

    [Fact]
    public async Task Fetch_WithoutAnErrorSeries_CountsNoErrors()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Serve(Requests("stable"), FakePrometheus.Series(FirstSample, Minute, "1", "1"));
        harness.Prometheus.Serve(Requests("canary"), FakePrometheus.Series(FirstSample, Minute, "0.5", "0.5"));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        Assert.Equal((120L, 0L), (data.Stable.Requests, data.Stable.Errors));
        Assert.Equal((60L, 0L), (data.Canary.Requests, data.Canary.Errors));
        Assert.All(data.Canary.Buckets, b => Assert.Null(b.P95));
    }

    [Fact]
    public async Task Fetch_WhenTheCanaryHasNoSeries_IsNoData_NeverZeros()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Serve(Requests("stable"), FakePrometheus.Series(FirstSample, Minute, "10", "10"));

        var result = await harness.FetchAsync();

        Assert.Null(result.Data);
        Assert.Equal($"Prometheus has no series for the canary of checkout in the last 5 min (query: {Requests("canary")})", result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenTheStableSideHasNoSeries_IsNoData()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Serve(Requests("canary"), FakePrometheus.Series(FirstSample, Minute, "10"));

        var result = await harness.FetchAsync();

        Assert.Equal($"Prometheus has no series for the stable version of checkout in the last 5 min (query: {Requests("stable")})", result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenASeriesIsZero_KeepsTheZeros()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Serve(Requests("stable"), FakePrometheus.Series(FirstSample, Minute, "10", "10"));
        harness.Prometheus.Serve(Requests("canary"), FakePrometheus.Series(FirstSample, Minute, "0", "0"));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        Assert.Equal([0L, 0L], data.Canary.Buckets.Select(b => b.Requests));
        Assert.Null(data.Canary.ErrorRate);
    }

    [Fact]
    public async Task Fetch_AddsUpSeveralSeries_AndNeverCountsMoreErrorsThanRequests()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Serve(
            Requests("stable"),
            FakePrometheus.Series(FirstSample, Minute, "1", "2"),
            FakePrometheus.Series(FirstSample, Minute, "3", "4"));
        harness.Prometheus.Serve(Requests("canary"), FakePrometheus.Series(FirstSample, Minute, "1"));
        harness.Prometheus.Serve(Errors("canary"), FakePrometheus.Series(FirstSample, Minute, "1.01"));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        Assert.Equal([240L, 360L], data.Stable.Buckets.Select(b => b.Requests));
        Assert.Equal((60L, 60L), (data.Canary.Requests, data.Canary.Errors));
    }

    [Fact]
    public async Task Fetch_WithAStepUnderAMinute_RatesOverAMinute_AndCountsOverTheStep()
    {
        await using var harness = await StartAsync();
        var step = TimeSpan.FromSeconds(30);
        harness.Prometheus.Serve(Requests("stable", "1m"), FakePrometheus.Series(From.AddSeconds(30), step, "2", "3"));
        harness.Prometheus.Serve(Requests("canary", "1m"), FakePrometheus.Series(From.AddSeconds(30), step, "1", "1"));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync(new MetricWindow(From, From.AddMinutes(1), step))).Data);

        Assert.Equal([(From, 60L), (From.AddSeconds(30), 90L)], data.Stable.Buckets.Select(b => (b.Start, b.Requests)));
        Assert.All(harness.Prometheus.Calls, c => Assert.Equal(("1795687230", "30"), (c.Start, c.Step)));
    }

    [Fact]
    public async Task Fetch_WithAStepOverAMinute_RatesOverTheStep()
    {
        await using var harness = await StartAsync();
        var step = TimeSpan.FromMinutes(5);
        harness.Prometheus.Serve(Requests("stable", "5m"), FakePrometheus.Series(From.AddMinutes(5), step, "2", "3", "4"));
        harness.Prometheus.Serve(Requests("canary", "5m"), FakePrometheus.Series(From.AddMinutes(5), step, "1", "1", "1"));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync(new MetricWindow(From, From.AddMinutes(15), step))).Data);

        Assert.Equal([600L, 900L, 1200L], data.Stable.Buckets.Select(b => b.Requests));
        Assert.Contains(harness.Prometheus.Calls, c => c.Query == Latency("canary", "0.99", "5m"));
    }

    private static void ServeBothSides(FakePrometheus prometheus)
    {
        // Stable: 10 req/s (600 a minute); 12.345 req/s rounds to 741; the third minute really had no requests.
        prometheus.Serve(Requests("stable"), FakePrometheus.Series(FirstSample, Minute, "10", "12.345", "0", "10", "10"));
        prometheus.Serve(Errors("stable"), FakePrometheus.Series(FirstSample, Minute, "0.05", "0", "0", "0.1", "0.05"));
        prometheus.Serve(Latency("stable", "0.5"), FakePrometheus.Series(FirstSample, Minute, "0.05", "0.05", "NaN", "0.05", "0.06"));
        prometheus.Serve(Latency("stable", "0.95"), FakePrometheus.Series(FirstSample, Minute, "0.2", "0.2", "NaN", "0.2", "0.25"));
        prometheus.Serve(Latency("stable", "0.99"), FakePrometheus.Series(FirstSample, Minute, "0.4", "0.4", "NaN", "0.4", "0.5"));

        // Canary: 2.5 req/s (150 a minute), errors rising from 0.1/s (6) to 0.2/s (12).
        prometheus.Serve(Requests("canary"), FakePrometheus.Series(FirstSample, Minute, "2.5", "2.5", "2.5", "2.5", "2.5"));
        prometheus.Serve(Errors("canary"), FakePrometheus.Series(FirstSample, Minute, "0.1", "0.1", "0.15", "0.2", "0.2"));
        prometheus.Serve(Latency("canary", "0.5"), FakePrometheus.Series(FirstSample, Minute, "0.07", "0.07", "0.07", "0.07", "0.07"));
        prometheus.Serve(Latency("canary", "0.95"), FakePrometheus.Series(FirstSample, Minute, "0.3", "0.3", "0.3", "0.3", "0.3"));
        prometheus.Serve(Latency("canary", "0.99"), FakePrometheus.Series(FirstSample, Minute, "0.9", "0.9", "0.9", "0.9", "0.9"));
    }
}
