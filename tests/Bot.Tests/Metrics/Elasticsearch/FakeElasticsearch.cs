using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;

/// <summary>
/// A loopback Elasticsearch node for the official client: every answer carries <c>X-Elastic-Product: Elasticsearch</c>
/// (the client refuses a server without it), <c>/</c> answers with the node's info, <c>_search</c> with
/// <see cref="SearchAnswer"/>. Request bodies are recorded un-gzipped.
/// </summary>
internal sealed class FakeElasticsearch : IAsyncDisposable
{
    public const string ContentType = "application/vnd.elasticsearch+json;compatible-with=9";

    private static readonly Dictionary<string, string> ProductHeaders = new() { ["X-Elastic-Product"] = "Elasticsearch" };

    private readonly LoopbackHttp _http;

    private FakeElasticsearch(LoopbackHttp http)
    {
        _http = http;
        _http.Answer = Answer;
    }

    public Uri Url => _http.BaseAddress;

    /// <summary>What <c>_search</c> answers (by default: no aggregations at all).</summary>
    public CannedAnswer SearchAnswer { get; set; } = Found(JsonAggregations());

    public IReadOnlyList<RecordedRequest> Requests => _http.Requests;

    public IReadOnlyList<RecordedRequest> Searches => [.. Requests.Where(r => r.Path.EndsWith("/_search", StringComparison.Ordinal))];

    public static async Task<FakeElasticsearch> StartAsync() => new(await LoopbackHttp.StartAsync(_ => new CannedAnswer(500, "")));

    /// <summary>A 200 search answer with these aggregations, as Elasticsearch writes it with <c>typed_keys</c>.</summary>
    public static CannedAnswer Found(JsonObject aggregations) => new(200, new JsonObject
    {
        ["took"] = 7,
        ["timed_out"] = false,
        ["_shards"] = new JsonObject { ["total"] = 3, ["successful"] = 3, ["skipped"] = 0, ["failed"] = 0 },
        ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = 10000, ["relation"] = "gte" }, ["max_score"] = null, ["hits"] = new JsonArray() },
        ["aggregations"] = aggregations,
    }.ToJsonString(), ContentType, ProductHeaders);

    /// <summary>An error answer as Elasticsearch writes it.</summary>
    public static CannedAnswer Error(int status, string type, string reason, string? rootType = null, string? rootReason = null) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["root_cause"] = new JsonArray(new JsonObject { ["type"] = rootType ?? type, ["reason"] = rootReason ?? reason }),
            ["type"] = type,
            ["reason"] = reason,
        },
        ["status"] = status,
    }.ToJsonString(), ContentType, ProductHeaders);

    /// <summary>The <c>sterms#sides</c> aggregation holding these side buckets.</summary>
    public static JsonObject JsonAggregations(params JsonObject[] sides) => new()
    {
        ["sterms#sides"] = new JsonObject
        {
            ["doc_count_error_upper_bound"] = 0,
            ["sum_other_doc_count"] = 0,
            ["buckets"] = new JsonArray([.. sides]),
        },
    };

    /// <summary>One side: its key and its time buckets.</summary>
    public static JsonObject Side(string key, params JsonObject[] buckets) => new()
    {
        ["key"] = key,
        ["doc_count"] = buckets.Sum(b => (long)b["doc_count"]!),
        ["date_histogram#buckets"] = new JsonObject { ["buckets"] = new JsonArray([.. buckets]) },
    };

    /// <summary>One time bucket: documents, errors and the duration percentiles (null when the bucket is empty).</summary>
    public static JsonObject Bucket(DateTimeOffset start, long documents, long errors, double? p50 = null, double? p95 = null, double? p99 = null) => new()
    {
        ["key_as_string"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["key"] = start.ToUnixTimeMilliseconds(),
        ["doc_count"] = documents,
        ["filter#errors"] = new JsonObject { ["doc_count"] = errors },
        ["tdigest_percentiles#latency"] = new JsonObject
        {
            ["values"] = new JsonArray(
                new JsonObject { ["key"] = 50.0, ["value"] = p50 },
                new JsonObject { ["key"] = 95.0, ["value"] = p95 },
                new JsonObject { ["key"] = 99.0, ["value"] = p99 }),
        },
    };

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private CannedAnswer Answer(RecordedRequest request)
    {
        if (request.Path.EndsWith("/_search", StringComparison.Ordinal))
        {
            return SearchAnswer;
        }

        return new CannedAnswer(200, """{"name":"es-1","cluster_name":"logs","version":{"number":"9.1.0","build_flavor":"default"},"tagline":"You Know, for Search"}""", ContentType, ProductHeaders);
    }
}
