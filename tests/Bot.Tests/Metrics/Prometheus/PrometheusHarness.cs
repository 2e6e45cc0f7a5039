using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Tests.Metrics.Prometheus;

/// <summary>The <c>prometheus</c> source as <c>AddPrometheusMetrics</c> wires it, pointed at a <see cref="FakePrometheus"/>.</summary>
internal sealed class PrometheusHarness : IAsyncDisposable
{
    public static readonly AppSpec App = MetricSourceServices.App("prometheus");

    public static readonly DateTimeOffset From = MetricSourceServices.From;

    public static readonly MetricWindow Window = new(From, From.AddMinutes(5), TimeSpan.FromMinutes(1));

    private readonly MetricSourceServices _services;

    private PrometheusHarness(FakePrometheus prometheus, MetricSourceServices services)
    {
        Prometheus = prometheus;
        _services = services;
    }

    public FakePrometheus Prometheus { get; }

    public CapturingLoggerProvider Logs => _services.Logs;

    public IMetricSource Source => _services.Source;

    public static Release Release => MetricSourceServices.Release;

    /// <summary>Starts a fake Prometheus and the source; <paramref name="settings"/> adds to (or overrides) the configuration.</summary>
    public static async Task<PrometheusHarness> StartAsync(IDictionary<string, string?>? settings = null, Uri? url = null)
    {
        var prometheus = await FakePrometheus.StartAsync();
        var values = new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = (url ?? prometheus.Url).ToString() };
        return new PrometheusHarness(prometheus, MetricSourceServices.Build(values, settings, (services, configuration) => services.AddPrometheusMetrics(configuration)));
    }

    public Task<MetricsResult> FetchAsync(MetricWindow? window = null, AppSpec? app = null) => _services.FetchAsync(app ?? App, window ?? Window);

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
