using ChatOpsRelease.Bot.Metrics.Elasticsearch;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Metrics.Elasticsearch;

/// <summary>The <c>elasticsearch</c> source as <c>AddElasticsearchMetrics</c> wires it, pointed at a <see cref="FakeElasticsearch"/>.</summary>
internal sealed class ElasticsearchHarness : IAsyncDisposable
{
    public const string ApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    public static readonly AppSpec App = new("checkout", "shop", "checkout", "checkout", null, "replicas", "production") { Metrics = "elasticsearch" };

    public static readonly DateTimeOffset From = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static readonly MetricWindow Window = new(From, From.AddMinutes(3), TimeSpan.FromMinutes(1));

    private readonly ServiceProvider _services;

    private ElasticsearchHarness(FakeElasticsearch elasticsearch, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Elasticsearch = elasticsearch;
        _services = services;
        Logs = logs;
    }

    public FakeElasticsearch Elasticsearch { get; }

    public CapturingLoggerProvider Logs { get; }

    public IMetricSource Source => _services.GetServices<IMetricSource>().Single();

    public static Release Release => new() { App = "checkout", Namespace = "shop", FromVersion = "v1.0.0", ToVersion = "v1.1.0" };

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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddElasticsearchMetrics(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new ElasticsearchHarness(elasticsearch, services.BuildServiceProvider(), logs);
    }

    public async Task<MetricsResult> FetchAsync(MetricWindow? window = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Source.FetchAsync(App, Release, window ?? Window, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Elasticsearch.DisposeAsync();
    }
}
