using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Analysis;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch.ElasticsearchHarness;
using static ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch.FakeElasticsearch;

namespace ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;

public sealed class ElasticsearchMetricSourceTests
{
    private const double Ms = 1_000_000;

    [Fact]
    public async Task Fetch_SearchesTheIndexPattern_ForTheAppsSides_PerStep()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = BothSides();

        await harness.FetchAsync();

        var search = Assert.Single(harness.Elasticsearch.Searches);
        Assert.Equal(("POST", "/logs-*/_search"), (search.Method, Uri.UnescapeDataString(search.Path)));
        Assert.Contains("typed_keys=true", search.QueryString, StringComparison.Ordinal);
        var expected = JsonNode.Parse("""
            {
              "size": 0,
              "query": { "bool": { "filter": [
                { "term": { "service.name": { "value": "checkout" } } },
                { "terms": { "labels.track": [ "stable", "canary" ] } },
                { "range": { "@timestamp": { "format": "strict_date_optional_time", "gte": "2026-11-26T10:00:00.000Z", "lt": "2026-11-26T10:03:00.000Z" } } }
              ] } },
              "aggregations": { "sides": {
                "terms": { "field": "labels.track", "size": 2 },
                "aggregations": { "buckets": {
                  "date_histogram": { "field": "@timestamp", "fixed_interval": "1m", "min_doc_count": 0, "extended_bounds": { "min": 1795687200000, "max": 1795687379999 } },
                  "aggregations": {
                    "errors": { "filter": { "range": { "http.response.status_code": { "gte": 500 } } } },
                    "latency": { "percentiles": { "field": "event.duration", "keyed": false, "percents": [ 50, 95, 99 ] } }
                  }
                } }
              } }
            }
            """);
        var sent = JsonNode.Parse(search.Body);
        Assert.True(JsonNode.DeepEquals(expected, sent), sent!.ToJsonString());
    }

    [Fact]
    public async Task Fetch_ReadsBothSides_IntoBuckets_WithLatencyInSeconds()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = BothSides();

        var result = await harness.FetchAsync();

        var data = Assert.IsType<ComparisonData>(result.Data);
        Assert.Equal(("stable", "v1.0.0"), (data.Stable.Track, data.Stable.Version));
        Assert.Equal(("canary", "v1.1.0"), (data.Canary.Track, data.Canary.Version));
        Assert.Equal(
            [
                new MetricBucket(From, 600, 3, 0.05, 0.2, 0.4),
                new MetricBucket(From.AddMinutes(1), 0, 0, null, null, null),
                new MetricBucket(From.AddMinutes(2), 580, 2, 0.048, 0.21, 0.45),
            ],
            data.Stable.Buckets);
        Assert.Equal(
            [
                new MetricBucket(From, 150, 6, 0.07, 0.3, 0.9),
                new MetricBucket(From.AddMinutes(1), 140, 9, 0.07, 0.31, 0.95),
                new MetricBucket(From.AddMinutes(2), 160, 12, 0.075, 0.35, 1.2),
            ],
            data.Canary.Buckets);
        Assert.Equal(Window, data.Window);
    }

    [Fact]
    public async Task Fetch_ShowsTheSearch_AndLinksToKibanaDiscover()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = BothSides();

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        Assert.Equal(
            "index logs-*: service.name:\"checkout\" and labels.track:(\"stable\" or \"canary\") and @timestamp >= 2026-11-26T10:00:00.000Z and @timestamp < 2026-11-26T10:03:00.000Z\n" +
            "per labels.track, every 1m: documents, errors (http.response.status_code >= 500), event.duration p50/p95/p99",
            data.Query);
        Assert.Equal(
            "https://kibana.example/app/discover#/?_g=(time:(from:'2026-11-26T10:00:00.000Z',to:'2026-11-26T10:03:00.000Z'))" +
            "&_a=(query:(language:kuery,query:'service.name:%22checkout%22%20and%20labels.track:(%22stable%22%20or%20%22canary%22)'))",
            data.Link);
    }

    [Fact]
    public async Task Fetch_ByVersion_WithNamespace_AndMilliseconds_FiltersAndLinksAccordingly()
    {
        await using var harness = await ElasticsearchHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Metrics:Elasticsearch:SideBy"] = "Version",
            ["Metrics:Elasticsearch:Namespace"] = "kubernetes.namespace",
            ["Metrics:Elasticsearch:Duration"] = "http.duration_ms",
            ["Metrics:Elasticsearch:DurationUnit"] = "Milliseconds",
            ["Metrics:Elasticsearch:IndexPattern"] = "access-*,nginx-*",
            ["Metrics:Elasticsearch:KibanaUrl"] = "https://ops.example/kibana",
            ["Metrics:Elasticsearch:KibanaDataView"] = "access-logs",
        });
        harness.Elasticsearch.SearchAnswer = Found(JsonAggregations(
            Side("v1.0.0", Bucket(From, 10, 0, 12, 40, 80)),
            Side("v1.1.0", Bucket(From, 5, 1, 15, 45, 90))));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        var search = Assert.Single(harness.Elasticsearch.Searches);
        Assert.Equal("/access-*,nginx-*/_search", Uri.UnescapeDataString(search.Path));
        var filters = JsonNode.Parse(search.Body)!["query"]!["bool"]!["filter"]!.AsArray();
        Assert.Equal(
            [
                """{"term":{"service.name":{"value":"checkout"}}}""",
                """{"term":{"kubernetes.namespace":{"value":"shop"}}}""",
                """{"terms":{"service.version":["v1.0.0","v1.1.0"]}}""",
            ],
            filters.Take(3).Select(f => f!.ToJsonString()));
        Assert.Equal(new MetricBucket(From, 5, 1, 0.015, 0.045, 0.09), Assert.Single(data.Canary.Buckets));
        Assert.Equal(
            "https://ops.example/kibana/app/discover#/?_g=(time:(from:'2026-11-26T10:00:00.000Z',to:'2026-11-26T10:03:00.000Z'))" +
            "&_a=(dataSource:(dataViewId:'access-logs',type:dataView),query:(language:kuery,query:'service.name:%22checkout%22%20and%20kubernetes.namespace:%22shop%22%20and%20service.version:(%22v1.0.0%22%20or%20%22v1.1.0%22)'))",
            data.Link);
    }

    [Fact]
    public async Task Fetch_WithAWindowOffTheStepGrid_ShiftsTheHistogramToTheWindowsStart()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = BothSides();
        var from = From.AddSeconds(20).AddMilliseconds(500);

        await harness.FetchAsync(new MetricWindow(from, from.AddMinutes(3), TimeSpan.FromMinutes(1)));

        var histogram = JsonNode.Parse(Assert.Single(harness.Elasticsearch.Searches).Body)!["aggregations"]!["sides"]!["aggregations"]!["buckets"]!["date_histogram"]!;
        Assert.Equal("20500ms", (string?)histogram["offset"]);
        Assert.Equal(from.ToUnixTimeMilliseconds(), (long)histogram["extended_bounds"]!["min"]!);
    }

    [Fact]
    public async Task Fetch_SendsTheApiKey_AndNeverLogsIt()
    {
        await using var harness = await ElasticsearchHarness.StartAsync();
        harness.Elasticsearch.SearchAnswer = Error(503, "search_phase_execution_exception", "all shards failed");

        await harness.FetchAsync();

        Assert.All(harness.Elasticsearch.Requests, r => Assert.Equal($"ApiKey {ApiKey}", r.Header("Authorization")));
        Assert.NotEmpty(harness.Logs.Entries);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.AllText.Contains(ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_WithUsernameAndPassword_SendsBasicAuthentication_AndNeverLogsThePassword()
    {
        await using var harness = await ElasticsearchHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Metrics:Elasticsearch:ApiKey"] = null,
            ["Metrics:Elasticsearch:Username"] = "bot",
            ["Metrics:Elasticsearch:Password"] = "s3cret-pa55",
        });
        harness.Elasticsearch.SearchAnswer = Error(401, "security_exception", "unable to authenticate user [bot]");

        var result = await harness.FetchAsync();

        var search = Assert.Single(harness.Elasticsearch.Searches);
        Assert.Equal("Basic " + Convert.ToBase64String("bot:s3cret-pa55"u8.ToArray()), search.Header("Authorization"));
        Assert.DoesNotContain("s3cret-pa55", result.NoData, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.AllText.Contains("s3cret-pa55", StringComparison.Ordinal));
    }

    /// <summary>Stable: a quiet minute in the middle; canary: errors rising. Durations in nanoseconds.</summary>
    private static CannedAnswer BothSides() => Found(JsonAggregations(
        Side(
            "stable",
            Bucket(From, 600, 3, 50 * Ms, 200 * Ms, 400 * Ms),
            Bucket(From.AddMinutes(1), 0, 0),
            Bucket(From.AddMinutes(2), 580, 2, 48 * Ms, 210 * Ms, 450 * Ms)),
        Side(
            "canary",
            Bucket(From, 150, 6, 70 * Ms, 300 * Ms, 900 * Ms),
            Bucket(From.AddMinutes(1), 140, 9, 70 * Ms, 310 * Ms, 950 * Ms),
            Bucket(From.AddMinutes(2), 160, 12, 75 * Ms, 350 * Ms, 1200 * Ms))));
}
