using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Gates.PrometheusGateMetricsTests;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>Which source each gate metric goes to, and what a source the bot has no address for answers.</summary>
public sealed class GateMetricsReaderTests
{
    [Fact]
    public async Task TheBot_RegistersTheReader_AsOneSingleton()
    {
        await using var services = GateMetricsServices.Build(new Dictionary<string, string?>());

        Assert.Same(services.Reader, services.Reader);
        Assert.Single(services.Get<IEnumerable<IGateMetrics>>());
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("memory")]
    [InlineData("cpu-per-request")]
    [InlineData("availability")]
    public async Task ResourceMetrics_WithoutPrometheus_AreMissing_SayingWhatToConfigure(string name)
    {
        await using var services = GateMetricsServices.Build(new Dictionary<string, string?>());

        var reading = await services.ReadAsync(GateMetric.BuiltIn[name]);

        Assert.Equal((null, null), (reading.Stable, reading.Canary));
        Assert.Equal($"Prometheus is not configured; set Metrics:Prometheus:Url to measure {name}", reading.NoData);
    }

    [Fact]
    public async Task ACustomQuery_WithoutASource_GoesToTheAppsMetricSource()
    {
        await using var services = GateMetricsServices.Build(new Dictionary<string, string?>());

        var prometheus = await services.ReadAsync(Custom("sum(x{track=\"{track}\"})", source: null));
        var elasticsearch = await services.ReadAsync(Custom("event.outcome:success", source: null), MetricSourceServices.App("elasticsearch"));
        var sandbox = await services.ReadAsync(Custom("sum(x{track=\"{track}\"})", source: null), MetricSourceServices.App("sandbox"));

        Assert.Equal("Prometheus is not configured; set Metrics:Prometheus:Url to measure orders", prometheus.NoData);
        Assert.Equal("Elasticsearch is not configured; set Metrics:Elasticsearch:Url to measure orders", elasticsearch.NoData);
        Assert.Equal(
            "the metric orders is read from checkout's metric source, sandbox, which has no custom queries; set its Source to prometheus or elasticsearch",
            sandbox.NoData);
    }

    [Fact]
    public async Task ACustomQuery_NamingElasticsearch_WithoutIt_IsMissing_SayingWhatToConfigure()
    {
        await using var services = GateMetricsServices.Build(new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = "http://prometheus.invalid/" });

        var reading = await services.ReadAsync(Custom("event.outcome:success", source: "elasticsearch"));

        Assert.Equal("Elasticsearch is not configured; set Metrics:Elasticsearch:Url to measure orders", reading.NoData);
        Assert.Equal("event.outcome:success", reading.Query);
    }

    [Fact]
    public async Task ACustomMetric_WithoutAQuery_IsMissing()
    {
        await using var services = GateMetricsServices.Build(new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = "http://prometheus.invalid/" });

        var reading = await services.ReadAsync(Custom(" "));

        Assert.Equal("the metric orders has no PromQL query; give it one (Query)", reading.NoData);
    }
}
