using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Metrics.Prometheus;

/// <summary>The <c>prometheus</c> source as <c>AddPrometheusMetrics</c> wires it, pointed at a <see cref="FakePrometheus"/>.</summary>
internal sealed class PrometheusHarness : IAsyncDisposable
{
    public static readonly AppSpec App = new("checkout", "shop", "checkout", "checkout", null, "replicas", "production") { Metrics = "prometheus" };

    public static readonly DateTimeOffset From = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static readonly MetricWindow Window = new(From, From.AddMinutes(5), TimeSpan.FromMinutes(1));

    private readonly ServiceProvider _services;

    private PrometheusHarness(FakePrometheus prometheus, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Prometheus = prometheus;
        _services = services;
        Logs = logs;
    }

    public FakePrometheus Prometheus { get; }

    public CapturingLoggerProvider Logs { get; }

    public IMetricSource Source => _services.GetServices<IMetricSource>().Single();

    public static Release Release => new() { App = "checkout", Namespace = "shop", FromVersion = "v1.0.0", ToVersion = "v1.1.0" };

    /// <summary>Starts a fake Prometheus and the source; <paramref name="settings"/> adds to (or overrides) the configuration.</summary>
    public static async Task<PrometheusHarness> StartAsync(IDictionary<string, string?>? settings = null, Uri? url = null)
    {
        var prometheus = await FakePrometheus.StartAsync();
        var values = new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = (url ?? prometheus.Url).ToString() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddPrometheusMetrics(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new PrometheusHarness(prometheus, services.BuildServiceProvider(), logs);
    }

    public async Task<MetricsResult> FetchAsync(MetricWindow? window = null, AppSpec? app = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Source.FetchAsync(app ?? App, Release, window ?? Window, timeout.Token);
    }

    /// <summary>The default requests query of one track, filled for checkout in shop with a 1m window.</summary>
    public static string Requests(string track, string window = "1m") =>
        $$"""sum(rate(http_requests_total{app="checkout",namespace="shop",track="{{track}}"}[{{window}}]))""";

    public static string Errors(string track, string window = "1m") =>
        $$"""sum(rate(http_requests_total{app="checkout",namespace="shop",track="{{track}}",code=~"5.."}[{{window}}]))""";

    public static string Latency(string track, string quantile, string window = "1m") =>
        $$"""histogram_quantile({{quantile}}, sum by (le) (rate(http_request_duration_seconds_bucket{app="checkout",namespace="shop",track="{{track}}"}[{{window}}])))""";

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Prometheus.DisposeAsync();
    }
}
