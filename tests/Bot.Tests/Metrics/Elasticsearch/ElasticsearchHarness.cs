using ChatOpsRelease.Bot.Metrics.Elasticsearch;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;

/// <summary>The <c>elasticsearch</c> source as <c>AddElasticsearchMetrics</c> wires it, pointed at a <see cref="FakeElasticsearch"/>.</summary>
internal sealed class ElasticsearchHarness : IAsyncDisposable
{
    public const string ApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    public static readonly AppSpec App = MetricSourceServices.App("elasticsearch");

    public static readonly DateTimeOffset From = MetricSourceServices.From;

    public static readonly MetricWindow Window = new(From, From.AddMinutes(3), TimeSpan.FromMinutes(1));

    private readonly MetricSourceServices _services;

    private ElasticsearchHarness(FakeElasticsearch elasticsearch, MetricSourceServices services)
    {
        Elasticsearch = elasticsearch;
        _services = services;
    }

    public FakeElasticsearch Elasticsearch { get; }

    public CapturingLoggerProvider Logs => _services.Logs;

    public IMetricSource Source => _services.Source;

    public static Release Release => MetricSourceServices.Release;

    /// <summary>Starts a fake node and the source (with <see cref="ApiKey"/> unless replaced); <paramref name="settings"/> adds to the configuration.</summary>
    public static async Task<ElasticsearchHarness> StartAsync(IDictionary<string, string?>? settings = null, Uri? url = null)
    {
        var elasticsearch = await FakeElasticsearch.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Metrics:Elasticsearch:Url"] = (url ?? elasticsearch.Url).ToString(),
            ["Metrics:Elasticsearch:ApiKey"] = ApiKey,
            ["Metrics:Elasticsearch:KibanaUrl"] = "https://kibana.example/",
        };
        return new ElasticsearchHarness(elasticsearch, MetricSourceServices.Build(values, settings, (services, configuration) => services.AddElasticsearchMetrics(configuration)));
    }

    public Task<MetricsResult> FetchAsync(MetricWindow? window = null) => _services.FetchAsync(App, window ?? Window);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Elasticsearch.DisposeAsync();
    }
}
