using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;
using ChatOpsRelease.Commands.Analysis;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Gates.PrometheusGateMetricsTests;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>An app's own gate metric from a fake Elasticsearch: the share of each side's documents that match its query, per bucket.</summary>
public sealed class ElasticsearchGateMetricsTests
{
    private static readonly MetricWindow Window = new(GateMetricsServices.From, GateMetricsServices.From.AddMinutes(3), TimeSpan.FromMinutes(1));

    private static GateMetric Paid => Custom("event.action:\"order-paid\" AND labels.app:{app}", source: "elasticsearch");

    [Fact]
    public async Task Custom_SearchesTheSidesDocuments_WithTheQueryAsAFilterPerBucket()
    {
        await using var elasticsearch = await FakeElasticsearch.StartAsync();
        await using var services = GateMetricsServices.Build(Settings(elasticsearch));
        elasticsearch.SearchAnswer = FakeElasticsearch.Found(BothSides());

        await services.ReadAsync(Paid, window: Window);

        var sent = JsonNode.Parse(Assert.Single(elasticsearch.Searches).Body)!;
        var sides = sent["aggregations"]!["sides"]!;
        Assert.Equal("labels.track", (string?)sides["terms"]!["field"]);
        var matches = sides["aggregations"]!["buckets"]!["aggregations"]!["matches"]!;
        Assert.Equal("event.action:\"order-paid\" AND labels.app:checkout", (string?)matches["filter"]!["query_string"]!["query"]);
        Assert.Contains("\"service.name\"", sent["query"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_IsTheMeanShareOfMatchingDocuments_OverTheBucketsWithDocuments()
    {
        await using var elasticsearch = await FakeElasticsearch.StartAsync();
        await using var services = GateMetricsServices.Build(Settings(elasticsearch));
        elasticsearch.SearchAnswer = FakeElasticsearch.Found(BothSides());

        var reading = await services.ReadAsync(Paid, window: Window);

        Assert.Null(reading.NoData);
        Assert.Equal((0.3, 2), (Math.Round(reading.Stable!.Value!.Value, 9), reading.Stable.Samples));
        Assert.Equal([(Window.From, 0.2), (Window.From.AddMinutes(2), 0.4)], reading.Stable.Series);
        Assert.Equal((0.1, 3), (Math.Round(reading.Canary!.Value!.Value, 9), reading.Canary.Samples));
        Assert.Contains("the share of documents matching event.action:\"order-paid\" AND labels.app:checkout", reading.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASideWithoutDocuments_IsMissing()
    {
        await using var elasticsearch = await FakeElasticsearch.StartAsync();
        await using var services = GateMetricsServices.Build(Settings(elasticsearch));
        elasticsearch.SearchAnswer = FakeElasticsearch.Found(FakeElasticsearch.JsonAggregations(Side("stable", (100, 20))));

        var reading = await services.ReadAsync(Paid, window: Window);

        Assert.StartsWith("Elasticsearch has no documents for the canary of checkout (labels.track: canary) in the last 3 min", reading.NoData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedSearch_IsMissing_WithElasticsearchError()
    {
        await using var elasticsearch = await FakeElasticsearch.StartAsync();
        await using var services = GateMetricsServices.Build(Settings(elasticsearch));
        elasticsearch.SearchAnswer = FakeElasticsearch.Error(400, "search_phase_execution_exception", "all shards failed", "query_shard_exception", "Failed to parse query [event.action:(]");

        var reading = await services.ReadAsync(Paid, window: Window);

        Assert.Equal(
            $"Elasticsearch at {elasticsearch.Url} refused the search of logs-*: search_phase_execution_exception: all shards failed (query_shard_exception: Failed to parse query [event.action:(])",
            reading.NoData);
    }

    /// <summary>Stable: 100 documents (20 match), none, 50 (20 match); canary: 10 (1 match) in each bucket.</summary>
    private static JsonObject BothSides() => FakeElasticsearch.JsonAggregations(Side("stable", (100, 20), (0, 0), (50, 20)), Side("canary", (10, 1), (10, 1), (10, 1)));

    private static JsonObject Side(string key, params (long Documents, long Matches)[] buckets) => FakeElasticsearch.Side(key, [.. buckets.Select((b, i) => new JsonObject
    {
        ["key_as_string"] = Window.From.AddMinutes(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["key"] = Window.From.AddMinutes(i).ToUnixTimeMilliseconds(),
        ["doc_count"] = b.Documents,
        ["filter#matches"] = new JsonObject { ["doc_count"] = b.Matches },
    })]);

    private static Dictionary<string, string?> Settings(FakeElasticsearch elasticsearch) => new() { ["Metrics:Elasticsearch:Url"] = elasticsearch.Url.ToString() };
}
