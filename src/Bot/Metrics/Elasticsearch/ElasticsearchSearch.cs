using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.QueryDsl;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>
/// The one search behind a comparison: no hits, only the documents of the app (and namespace) on either side within
/// the window; per side (a terms aggregation) a date histogram of one step (aligned to the window's start, empty
/// buckets kept), and per bucket the errors (a filter) and the duration's 50th, 95th and 99th percentiles.
/// </summary>
internal sealed record ElasticsearchSearch(SearchRequest Request, string Kql, string Description, string SideField, string StableKey, string CanaryKey)
{
    public const string Sides = "sides";

    public const string Buckets = "buckets";

    public const string Errors = "errors";

    public const string Latency = "latency";

    public static readonly double[] Percents = [50, 95, 99];

    /// <summary>The comparison's search: per bucket the errors and the duration's percentiles.</summary>
    public static ElasticsearchSearch For(ElasticsearchOptions options, AppSpec app, MetricSide stable, MetricSide canary, MetricWindow window)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perBucket = new Dictionary<string, Aggregation>
        {
            [Errors] = new() { Filter = new NumberRangeQuery { Field = options.StatusCode, Gte = options.ErrorStatusFrom } },
            [Latency] = new() { Percentiles = new PercentilesAggregation { Field = options.Duration, Percents = Percents } },
        };
        return For(options, app, stable, canary, window, perBucket, $"documents, errors ({options.StatusCode} >= {options.ErrorStatusFrom}), {options.Duration} p50/p95/p99");
    }

    /// <summary>The same documents and buckets, each bucket holding <paramref name="perBucket"/> (described by <paramref name="perBucketText"/>).</summary>
    public static ElasticsearchSearch For(
        ElasticsearchOptions options, AppSpec app, MetricSide stable, MetricSide canary, MetricWindow window, Dictionary<string, Aggregation> perBucket, string perBucketText)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(window);
        var sideField = options.SideFieldName;
        var (stableKey, canaryKey) = options.SideBy == ElasticsearchSideField.Track ? (stable.Track, canary.Track) : (stable.Version, canary.Version);
        var filters = new List<Query> { new TermQuery { Field = options.App, Value = app.Name } };
        var kql = new List<string> { $"{options.App}:{KqlText.Quoted(app.Name)}" };
        if (!string.IsNullOrWhiteSpace(options.Namespace))
        {
            filters.Add(new TermQuery { Field = options.Namespace, Value = app.Namespace });
            kql.Add($"{options.Namespace}:{KqlText.Quoted(app.Namespace)}");
        }

        filters.Add(new TermsQuery { Field = sideField, Terms = new TermsQueryField([stableKey, canaryKey]) });
        kql.Add($"{sideField}:({KqlText.Quoted(stableKey)} or {KqlText.Quoted(canaryKey)})");
        var from = MetricTexts.Timestamp(window.From);
        var to = MetricTexts.Timestamp(window.To);
        filters.Add(new DateRangeQuery { Field = options.Timestamp, Gte = from, Lt = to, Format = "strict_date_optional_time" });

        var request = new SearchRequest(Indices.Parse(options.IndexPattern))
        {
            Size = 0,
            Query = new BoolQuery { Filter = filters },
            Aggregations = new Dictionary<string, Aggregation>
            {
                [Sides] = new()
                {
                    Terms = new TermsAggregation { Field = sideField, Size = 2 },
                    Aggregations = new Dictionary<string, Aggregation> { [Buckets] = PerStep(options, window, perBucket) },
                },
            },
        };

        var kqlText = string.Join(" and ", kql);
        var step = Duration(window.Step);
        var description =
            $"index {options.IndexPattern}: {kqlText} and {options.Timestamp} >= {from} and {options.Timestamp} < {to}\n" +
            $"per {sideField}, every {step}: {perBucketText}";
        return new ElasticsearchSearch(request, kqlText, description, sideField, stableKey, canaryKey);
    }

    /// <summary>The date histogram of one side and what each bucket holds.</summary>
    private static Aggregation PerStep(ElasticsearchOptions options, MetricWindow window, Dictionary<string, Aggregation> perBucket)
    {
        var fromMs = window.From.ToUnixTimeMilliseconds();
        var stepMs = (long)window.Step.TotalMilliseconds;
        var offsetMs = ((fromMs % stepMs) + stepMs) % stepMs;
        return new Aggregation
        {
            DateHistogram = new DateHistogramAggregation
            {
                Field = options.Timestamp,
                FixedInterval = new Duration(window.Step),
                Offset = offsetMs == 0 ? null : new Duration(TimeSpan.FromMilliseconds(offsetMs)),
                MinDocCount = 0,
                ExtendedBounds = new ExtendedBounds<FieldDateMath> { Min = fromMs, Max = window.To.ToUnixTimeMilliseconds() - 1 },
            },
            Aggregations = perBucket,
        };
    }

    private static string Duration(TimeSpan step) => new Duration(step).ToString();
}

/// <summary>Kibana Query Language pieces.</summary>
internal static class KqlText
{
    /// <summary>A value in double quotes, with backslashes and quotes escaped.</summary>
    public static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
