using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Prometheus.PrometheusHarness;

namespace ChatOpsRelease.Bot.Tests.Metrics.Prometheus;

public sealed class PrometheusSetupTests
{
    [Fact]
    public void AddPrometheusMetrics_WithoutUrl_AddsNoSource()
    {
        using var services = Build(new Dictionary<string, string?> { ["Metrics:Prometheus:ErrorCodes"] = "5.." });

        Assert.Empty(services.GetServices<IMetricSource>());
        Assert.False(services.GetRequiredService<IOptions<PrometheusOptions>>().Value.Enabled);
    }

    [Fact]
    public void AddPrometheusMetrics_WithUrl_AddsTheSourceNamedPrometheus()
    {
        using var services = Build(new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = "http://prometheus:9090" });

        Assert.Equal("prometheus", Assert.Single(services.GetServices<IMetricSource>()).Name);
    }

    [Theory]
    [InlineData("Metrics:Prometheus:Url", "prometheus:9090", "is not an absolute http(s) address")]
    [InlineData("Metrics:Prometheus:Url", "ftp://prometheus/", "is not an absolute http(s) address")]
    [InlineData("Metrics:Prometheus:Requests", " ", "Metrics:Prometheus:Requests is empty")]
    [InlineData("Metrics:Prometheus:Errors", "sum(rate(http_requests_total{code=~\"5..\"}[1m]))", "uses neither {track} nor {version}")]
    [InlineData("Metrics:Prometheus:Latency", "histogram_quantile(0.9, x{track=\"{track}\"})", "has no {quantile}")]
    [InlineData("Metrics:Prometheus:ErrorCodes", "5(", "is not a regular expression")]
    [InlineData("Metrics:Prometheus:Timeout", "00:00:00", "Timeout and MinRateWindow must be positive")]
    [InlineData("Apps:checkout:Prometheus:Requests", "sum(rate(x[1m]))", "Apps:checkout:Prometheus:Requests uses neither")]
    public void Options_WhenWrong_FailWithTheKey(string key, string value, string expected)
    {
        using var services = Build(new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = "http://prometheus:9090/", [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PrometheusOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_UsesTheAppsOwnQueries_AndTheGlobalOnesForTheRest()
    {
        const string OwnRequests = """sum(rate(checkout_orders_total{version="{version}",ns="{namespace}"}[{window}])) / 1""";
        await using var harness = await StartAsync(new Dictionary<string, string?>
        {
            ["Apps:checkout:Prometheus:Requests"] = OwnRequests,
            ["Apps:checkout:Prometheus:ErrorCodes"] = @"5\d\d|429",
            ["Metrics:Prometheus:MinRateWindow"] = "00:02:00",
        });
        var stable = """sum(rate(checkout_orders_total{version="v1.0.0",ns="shop"}[2m])) / 1""";
        var canary = """sum(rate(checkout_orders_total{version="v1.1.0",ns="shop"}[2m])) / 1""";
        harness.Prometheus.Serve(stable, FakePrometheus.Series(From.AddMinutes(1), TimeSpan.FromMinutes(1), "1"));
        harness.Prometheus.Serve(canary, FakePrometheus.Series(From.AddMinutes(1), TimeSpan.FromMinutes(1), "1"));

        var data = Assert.IsType<ComparisonData>((await harness.FetchAsync()).Data);

        Assert.Equal((60L, 60L), (data.Stable.Requests, data.Canary.Requests));
        Assert.Contains(
            harness.Prometheus.Calls,
            c => c.Query == """sum(rate(http_requests_total{app="checkout",namespace="shop",track="canary",code=~"5\\d\\d|429"}[2m]))""");
    }

    [Fact]
    public async Task Fetch_ForAnotherApp_UsesTheGlobalQueries()
    {
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["Apps:checkout:Prometheus:Requests"] = "own{track=\"{track}\"}" });
        var payments = App with { Name = "payments" };

        await harness.FetchAsync(app: payments);

        Assert.Contains(harness.Prometheus.Calls, c => c.Query == Requests("stable").Replace("checkout", "payments", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrometheusMetrics(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
