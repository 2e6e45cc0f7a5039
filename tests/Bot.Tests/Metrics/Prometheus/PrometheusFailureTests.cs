using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Prometheus.PrometheusHarness;

namespace ChatOpsRelease.Bot.Tests.Metrics.Prometheus;

public sealed class PrometheusFailureTests
{
    [Fact]
    public async Task Fetch_WhenPrometheusIsDown_IsNoData_SayingItDidNotAnswer()
    {
        var closed = await LoopbackHttp.ClosedAddressAsync();
        await using var harness = await StartAsync(url: closed);

        var result = await harness.FetchAsync();

        Assert.Null(result.Data);
        Assert.StartsWith($"Prometheus at {closed} did not answer: ", result.NoData, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Prometheus at {closed} did not answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_WhenAQueryIsRefused_IsNoData_WithPrometheusError()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Always = FakePrometheus.Error(400, "bad_data", "1:52: parse error: unexpected \"}\" in label matching");

        var result = await harness.FetchAsync();

        Assert.Null(result.Data);
        Assert.Equal(
            $"Prometheus at {harness.Prometheus.Url} refused the query: bad_data: 1:52: parse error: unexpected \"}}\" in label matching (query: {Requests("stable")})",
            result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenStatusIsErrorWithHttp200_IsNoData_WithPrometheusError()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Always = FakePrometheus.Error(200, "execution", "query processing would load too many samples into memory");

        var result = await harness.FetchAsync();

        Assert.Contains("refused the query: execution: query processing would load too many samples into memory", result.NoData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_WhenPrometheusAnswersAnHttpErrorPage_IsNoData()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Always = new CannedAnswer(503, "<html>upstream unavailable</html>", "text/html");

        var result = await harness.FetchAsync();

        Assert.Equal($"Prometheus at {harness.Prometheus.Url} did not answer: HTTP 503 ServiceUnavailable", result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenPrometheusIsTooSlow_IsNoData_AfterTheTimeout()
    {
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["Metrics:Prometheus:Timeout"] = "00:00:00.200" });
        harness.Prometheus.Always = new CannedAnswer(200, FakePrometheus.Matrix(), Delay: TimeSpan.FromSeconds(5));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await harness.FetchAsync();

        Assert.Equal($"Prometheus at {harness.Prometheus.Url} did not answer: no answer within 0.2 s", result.NoData);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Fetch_WhenTheCallerCancels_Throws()
    {
        await using var harness = await StartAsync();
        harness.Prometheus.Always = new CannedAnswer(200, FakePrometheus.Matrix(), Delay: TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Source.FetchAsync(App, Release, Window, cancel.Token));
    }
}
