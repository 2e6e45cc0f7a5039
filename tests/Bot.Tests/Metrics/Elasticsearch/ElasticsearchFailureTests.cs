using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch.ElasticsearchHarness;
using static ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch.FakeElasticsearch;

namespace ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;

public sealed class ElasticsearchFailureTests
{
    private static readonly CannedAnswer BothSidesOneRequest = Found(JsonAggregations(Side("stable", Bucket(From, 1, 0)), Side("canary", Bucket(From, 1, 0))));

    [Fact]
    public async Task Fetch_WhenElasticsearchIsDown_IsNoData_SayingItDidNotAnswer()
    {
        var closed = await LoopbackHttp.ClosedAddressAsync();
        await using var harness = await ElasticsearchHarness.StartAsync(url: closed);

        var result = await harness.FetchAsync();

        Assert.Null(result.Data);
        Assert.StartsWith($"Elasticsearch at {closed} did not answer: ", result.NoData, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Elasticsearch at {closed} did not answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_WhenTheCanaryHasNoBuckets_IsNoData_NeverZeros()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = Found(JsonAggregations(Side("stable", Bucket(From, 600, 3, 5e7, 2e8, 4e8))));

        var result = await harness.FetchAsync();

        Assert.Null(result.Data);
        Assert.Equal(
            "Elasticsearch has no documents for the canary of checkout (labels.track: canary) in the last 3 min " +
            "(index logs-*, query: service.name:\"checkout\" and labels.track:(\"stable\" or \"canary\"))",
            result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenNothingMatches_IsNoData_ForTheStableSideFirst()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = Found(JsonAggregations());

        var result = await harness.FetchAsync();

        Assert.StartsWith("Elasticsearch has no documents for the stable version of checkout (labels.track: stable)", result.NoData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_WhenTheSearchIsRefused_IsNoData_WithElasticsearchsReason()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = Error(
            400, "search_phase_execution_exception", "all shards failed", "illegal_argument_exception", "Field [event.duration] of type [keyword] is not supported for aggregation [percentiles]");

        var result = await harness.FetchAsync();

        Assert.Equal(
            $"Elasticsearch at {harness.Elasticsearch.Url} refused the search of logs-*: search_phase_execution_exception: all shards failed " +
            "(illegal_argument_exception: Field [event.duration] of type [keyword] is not supported for aggregation [percentiles])",
            result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenTheIndexIsMissing_IsNoData_NamingIt()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = Error(404, "index_not_found_exception", "no such index [logs-*]");

        var result = await harness.FetchAsync();

        Assert.Equal($"Elasticsearch at {harness.Elasticsearch.Url} refused the search of logs-*: index_not_found_exception: no such index [logs-*]", result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenAProxyAnswersAnErrorPage_IsNoData_WithTheStatus()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = new CannedAnswer(502, "<html>bad gateway</html>", "text/html");

        var result = await harness.FetchAsync();

        Assert.Equal($"Elasticsearch at {harness.Elasticsearch.Url} did not answer: HTTP 502", result.NoData);
    }

    [Fact]
    public async Task Fetch_WhenTheServerDoesNotSayItIsElasticsearch_IsNoData_AndTriesAgainNextTime()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = BothSidesOneRequest with { Headers = null };

        var refused = await harness.FetchAsync();
        harness.Elasticsearch.SearchAnswer = BothSidesOneRequest;
        var next = await harness.FetchAsync();

        Assert.Equal(
            $"Elasticsearch at {harness.Elasticsearch.Url} did not answer: the server did not say it is Elasticsearch (no X-Elastic-Product header; a proxy may drop it)",
            refused.NoData);
        Assert.NotNull(next.Data);
        Assert.Equal(2, harness.Elasticsearch.Searches.Count);
    }

    [Fact]
    public async Task Fetch_WhenElasticsearchIsTooSlow_IsNoData_AfterTheTimeout()
    {
        await using var harness = await ElasticsearchHarness.StartAsync(new Dictionary<string, string?> { ["Metrics:Elasticsearch:Timeout"] = "00:00:00.300" });
        harness.Elasticsearch.SearchAnswer = BothSidesOneRequest with { Delay = TimeSpan.FromSeconds(5) };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await harness.FetchAsync();

        Assert.Equal($"Elasticsearch at {harness.Elasticsearch.Url} did not answer: no answer within 0.3 s", result.NoData);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Fetch_WhenTheCallerCancels_Throws()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = BothSidesOneRequest with { Delay = TimeSpan.FromSeconds(5) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Source.FetchAsync(App, Release, Window, cancel.Token));
    }
}
