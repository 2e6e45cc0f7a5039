using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Bot.Tests.Metrics.Prometheus;
using ChatOpsRelease.Commands.Analysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Metrics.Gates.GateMetricsServices;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>The resource, availability and custom gate metrics from a fake Prometheus: the queries sent, the readings made of the answers.</summary>
public sealed class PrometheusGateMetricsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static GateMetric Cpu => GateMetric.BuiltIn["cpu"];

    [Fact]
    public async Task Cpu_AsksThePerPodQueryOfEachSide_AndAveragesThePointsWithValues()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        await using var services = Build(Settings(prometheus));
        prometheus.Serve(CpuQuery("stable"), FakePrometheus.Series(From.AddMinutes(1), Minute, "0.1", "0.2", "NaN", "0.3"));
        prometheus.Serve(CpuQuery("canary"), FakePrometheus.Series(From.AddMinutes(1), Minute, "0.28", "0.28", "0.28", "0.28", "0.28"));

        var reading = await services.ReadAsync(Cpu);

        Assert.Null(reading.NoData);
        Assert.Equal(0.2, reading.Stable!.Value!.Value, 9);
        Assert.Equal(3, reading.Stable.Samples);
        Assert.Equal([From, From.AddMinutes(1), From.AddMinutes(3)], reading.Stable.Series.Select(p => p.At));
        Assert.Equal((0.28, 5), (Math.Round(reading.Canary!.Value!.Value, 9), reading.Canary.Samples));
        Assert.Equal($"cpu (stable): {CpuQuery("stable")}\ncpu (canary): {CpuQuery("canary")}", reading.Query);
        Assert.All(prometheus.Calls, c => Assert.Equal(
            (FakePrometheus.Seconds(From.AddMinutes(1)), FakePrometheus.Seconds(From.AddMinutes(5)), "60"), (c.Start, c.End, c.Step)));
    }

    [Theory]
    [InlineData("memory", """avg(sum by (namespace, pod) (container_memory_working_set_bytes{namespace="shop",container!="",container!="POD"}) * on(namespace, pod) group_left() kube_pod_labels{namespace="shop",label_app="checkout",label_track="canary"})""")]
    [InlineData("availability", """avg(avg_over_time(kube_pod_status_ready{namespace="shop",condition="true"}[1m]) * on(namespace, pod) group_left() kube_pod_labels{namespace="shop",label_app="checkout",label_track="canary"})""")]
    [InlineData("cpu-per-request", """sum(sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{namespace="shop",container!="",container!="POD"}[1m])) * on(namespace, pod) group_left() kube_pod_labels{namespace="shop",label_app="checkout",label_track="canary"}) / on() (sum(rate(http_requests_total{app="checkout",namespace="shop",track="canary"}[1m])))""")]
    public async Task BuiltInMetrics_AskTheirDefaultQuery(string name, string canaryQuery)
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        await using var services = Build(Settings(prometheus));

        await services.ReadAsync(GateMetric.BuiltIn[name]);

        Assert.Contains(prometheus.Calls, c => c.Query == canaryQuery);
    }

    [Fact]
    public async Task Custom_FillsThePlaceholdersOfItsQuery_PerSide()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        await using var services = Build(Settings(prometheus));
        var metric = Custom("""sum(rate(orders_paid_total{app="{app}",namespace="{namespace}",track="{track}",version="{version}"}[{window}])) / {step}""");
        const string Stable = """sum(rate(orders_paid_total{app="checkout",namespace="shop",track="stable",version="v1.0.0"}[1m])) / 1m""";
        const string Canary = """sum(rate(orders_paid_total{app="checkout",namespace="shop",track="canary",version="v1.1.0"}[1m])) / 1m""";
        prometheus.Serve(Stable, FakePrometheus.Series(From.AddMinutes(1), Minute, "0.05", "0.07"));
        prometheus.Serve(Canary, FakePrometheus.Series(From.AddMinutes(1), Minute, "0.04", "0.04"));

        var reading = await services.ReadAsync(metric);

        Assert.Equal((0.06, 2), (Math.Round(reading.Stable!.Value!.Value, 9), reading.Stable.Samples));
        Assert.Equal((0.04, 2), (Math.Round(reading.Canary!.Value!.Value, 9), reading.Canary.Samples));
    }

    [Fact]
    public async Task ASideWithoutSeries_IsMissing_NamingTheQuery()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        await using var services = Build(Settings(prometheus));
        prometheus.Serve(CpuQuery("stable"), FakePrometheus.Series(From.AddMinutes(1), Minute, "0.1"));

        var reading = await services.ReadAsync(Cpu);

        Assert.Null(reading.Stable);
        Assert.Equal($"Prometheus has no series for the canary of checkout in the last 5 min (query: {CpuQuery("canary")})", reading.NoData);
        Assert.Contains(CpuQuery("canary"), reading.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryGivingSeveralSeries_IsMissing_AskingToAggregateIt()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        await using var services = Build(Settings(prometheus));
        var metric = Custom("""rate(orders_paid_total{track="{track}"}[{window}])""");
        prometheus.Serve("""rate(orders_paid_total{track="stable"}[1m])""",
            FakePrometheus.Series(From.AddMinutes(1), Minute, "1"), FakePrometheus.Series(From.AddMinutes(1), Minute, "2"));

        var reading = await services.ReadAsync(metric);

        Assert.StartsWith("the query gives 2 series for the stable version of checkout, where one was expected; aggregate it", reading.NoData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusDown_IsMissing_SayingItDidNotAnswer()
    {
        var closed = await LoopbackHttp.ClosedAddressAsync();
        await using var services = Build(new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = closed.ToString() });

        var reading = await services.ReadAsync(Cpu);

        Assert.StartsWith($"Prometheus at {closed} did not answer: ", reading.NoData, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedQuery_IsMissing_WithPrometheusError()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        await using var services = Build(Settings(prometheus));
        prometheus.Always = FakePrometheus.Error(400, "bad_data", "parse error");

        var reading = await services.ReadAsync(Custom("""sum(x{track="{track}"}"""));

        Assert.Matches("""^Prometheus at .* refused the query: bad_data: parse error \(query: sum\(x\{track="(stable|canary)"\}\)$""", reading.NoData);
    }

    [Fact]
    public async Task TheAppsOwnResourceQueries_ReplaceTheGlobalOnes_KeyByKey()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        var settings = Settings(prometheus);
        settings["Metrics:Prometheus:Resources:Memory"] = """sum(process_resident_memory_bytes{track="{track}"})""";
        settings["Apps:checkout:Prometheus:Resources:Cpu"] = """avg(rate(process_cpu_seconds_total{app="{app}",track="{track}"}[{window}]))""";
        await using var services = Build(settings);

        await services.ReadAsync(Cpu);
        await services.ReadAsync(GateMetric.BuiltIn["memory"]);
        await services.ReadAsync(GateMetric.BuiltIn["availability"]);

        var queries = prometheus.Calls.Select(c => c.Query).ToList();
        Assert.Contains("""avg(rate(process_cpu_seconds_total{app="checkout",track="canary"}[1m]))""", queries);
        Assert.Contains("""sum(process_resident_memory_bytes{track="canary"})""", queries);
        Assert.Contains(queries, q => q.StartsWith("avg(avg_over_time(kube_pod_status_ready{", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Metrics:Prometheus:Resources:Cpu", "avg(rate(container_cpu_usage_seconds_total[1m]))", "Metrics:Prometheus:Resources:Cpu uses neither {track} nor {version}")]
    [InlineData("Metrics:Prometheus:Resources:Availability", " ", "Metrics:Prometheus:Resources:Availability is empty")]
    [InlineData("Apps:checkout:Prometheus:Resources:Memory", "sum(x)", "Apps:checkout:Prometheus:Resources:Memory uses neither")]
    public async Task ResourceQueries_WhenWrong_FailAtStart_WithTheKey(string key, string value, string expected)
    {
        await using var services = Build(new Dictionary<string, string?> { ["Metrics:Prometheus:Url"] = "http://prometheus:9090/", [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<PrometheusOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CpuPerRequest_UsesTheAppsOwnRequestsQuery()
    {
        await using var prometheus = await FakePrometheus.StartAsync();
        var settings = Settings(prometheus);
        settings["Apps:checkout:Prometheus:Requests"] = """sum(rate(checkout_orders_total{track="{track}"}[{window}]))""";
        await using var services = Build(settings);

        await services.ReadAsync(GateMetric.BuiltIn["cpu-per-request"]);

        Assert.Contains(prometheus.Calls, c => c.Query.EndsWith("""/ on() (sum(rate(checkout_orders_total{track="stable"}[1m])))""", StringComparison.Ordinal));
    }

    internal static string CpuQuery(string track) =>
        $$"""avg(sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{namespace="shop",container!="",container!="POD"}[1m])) * on(namespace, pod) group_left() kube_pod_labels{namespace="shop",label_app="checkout",label_track="{{track}}"})""";

    internal static GateMetric Custom(string query, string? source = "prometheus") =>
        new("orders", GateMetricKind.Custom, MetricDirection.HigherIsBetter, 0.1, 1, false) { Query = query, Source = source };

    private static Dictionary<string, string?> Settings(FakePrometheus prometheus) => new() { ["Metrics:Prometheus:Url"] = prometheus.Url.ToString() };
}
