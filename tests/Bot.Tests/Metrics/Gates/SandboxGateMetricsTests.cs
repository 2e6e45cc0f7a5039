using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Sandbox;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>
/// The gate metrics measured on the sandbox: resources, availability and a custom query through a real Prometheus that
/// scrapes it, restarts through its Kubernetes API. Each waits (bounded) until each side has enough samples.
/// </summary>
public sealed class SandboxGateMetricsTests
{
    private const int Enough = 4;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AHeavyCanary_UsesAbout40PercentMoreCpuAndMemoryPerPod_AndItsPodsAreAvailable()
    {
        await using var harness = await SandboxGateHarness.StartAsync(prometheus: true);
        var release = await harness.DeployCanaryAsync("v2.0.0-heavy");
        var from = DateTimeOffset.UtcNow;

        var cpu = await harness.ReadUntilAsync(GateMetric.BuiltIn["cpu"], release, from, BothHave(Enough), Limit);
        var memory = await harness.ReadUntilAsync(GateMetric.BuiltIn["memory"], release, from, BothHave(Enough), Limit);
        var perRequest = await harness.ReadUntilAsync(GateMetric.BuiltIn["cpu-per-request"], release, from, BothHave(Enough), Limit);
        var availability = await harness.ReadUntilAsync(GateMetric.BuiltIn["availability"], release, from, BothHave(Enough), Limit);

        var log = $"\nPrometheus log:\n{harness.Prometheus!.Log}";
        Assert.True(cpu.NoData is null, cpu.NoData + log);
        var ratio = cpu.Canary!.Value!.Value / cpu.Stable!.Value!.Value;
        Assert.True(ratio is > 1.3 and < 1.5, $"CPU per pod: stable {cpu.Stable.Value}, canary {cpu.Canary.Value} (×{ratio:0.###})\n{cpu.Query}");
        Assert.True(cpu.Stable.Samples >= Enough && cpu.Stable.Series.Count == cpu.Stable.Samples);

        Assert.True(memory.NoData is null, memory.NoData);
        Assert.Equal(200 * 1024 * 1024, memory.Stable!.Value!.Value, 0);
        Assert.Equal(1.4 * 200 * 1024 * 1024, memory.Canary!.Value!.Value, 0);

        Assert.True(perRequest.NoData is null, perRequest.NoData);
        var perRequestRatio = perRequest.Canary!.Value!.Value / perRequest.Stable!.Value!.Value;
        Assert.True(perRequestRatio is > 1.25 and < 1.55, $"CPU per request: stable {perRequest.Stable.Value}, canary {perRequest.Canary.Value}\n{perRequest.Query}");

        Assert.True(availability.NoData is null, availability.NoData);
        Assert.InRange(availability.Stable!.Value!.Value, 0.95, 1);
        Assert.InRange(availability.Canary!.Value!.Value, 0.95, 1);
    }

    [Fact]
    public async Task ACustomPromQLQuery_IsReadPerSide()
    {
        await using var harness = await SandboxGateHarness.StartAsync(prometheus: true);
        var release = await harness.DeployCanaryAsync("v2.0.0");
        var from = DateTimeOffset.UtcNow;
        var success = PrometheusGateMetricsTests.Custom(
            """sum(rate(http_requests_total{app="{app}",namespace="{namespace}",track="{track}",code!~"5.."}[{window}])) / sum(rate(http_requests_total{app="{app}",namespace="{namespace}",track="{track}"}[{window}]))""");

        var reading = await harness.ReadUntilAsync(success, release, from, BothHave(Enough), Limit);

        Assert.True(reading.NoData is null, reading.NoData + $"\nPrometheus log:\n{harness.Prometheus!.Log}");
        Assert.InRange(reading.Stable!.Value!.Value, 0.9, 1);
        Assert.InRange(reading.Canary!.Value!.Value, 0.9, 1);
        Assert.Contains("""track="canary",code!~"5.."}""", reading.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryWithoutSeries_OnARealPrometheus_IsMissing_NamingTheQuery()
    {
        await using var harness = await SandboxGateHarness.StartAsync(prometheus: true);
        var release = SandboxFixture.ReleaseOf(SandboxGateHarness.Checkout, "v1.0.0", "v2.0.0");
        var metric = PrometheusGateMetricsTests.Custom("""sum(rate(orders_paid_total{app="{app}",track="{track}"}[{window}]))""");

        var reading = await harness.ReadUntilAsync(metric, release, DateTimeOffset.UtcNow.AddSeconds(-30), _ => true, Limit);

        Assert.Matches(
            "^" + Regex.Escape("Prometheus has no series for the stable version of checkout in the last ") + @"[\d.]+ s" +
            Regex.Escape(""" (query: sum(rate(orders_paid_total{app="checkout",track="stable"}[5s])))""") + "$",
            reading.NoData);
        Assert.Contains("""track="canary"}[5s]""", reading.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACrashingCanary_CountsItsRestarts_WithTheReason_AndStableNone()
    {
        await using var harness = await SandboxGateHarness.StartAsync(prometheus: false, FastCrashes);
        var release = await harness.DeployCanaryAsync("v2.0.0-crash");

        var reading = await harness.ReadUntilAsync(
            GateMetric.BuiltIn["restarts"], release, DateTimeOffset.UtcNow, r => r.Canary?.Value >= 2 && r.Canary.Note is not null, Limit);

        Assert.True(reading.NoData is null, reading.NoData);
        Assert.Equal((0, 2, null), (reading.Stable!.Value, reading.Stable.Samples, reading.Stable.Note));
        Assert.Equal(2, reading.Canary!.Samples);
        Assert.True(reading.Canary.Value >= 2, $"canary restarts: {reading.Canary.Value}");
        Assert.Matches(@"^Error ×[12]$", reading.Canary.Note);
        Assert.Empty(reading.Canary.Series);
        Assert.Contains("app=checkout,track=canary", reading.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOomKilledCanary_SaysSo()
    {
        await using var harness = await SandboxGateHarness.StartAsync(prometheus: false, FastCrashes);
        var release = await harness.DeployCanaryAsync("v2.0.0-crash-oom");

        var reading = await harness.ReadUntilAsync(GateMetric.BuiltIn["restarts"], release, DateTimeOffset.UtcNow, r => r.Canary?.Note == "OOMKilled ×2", Limit);

        Assert.Equal("OOMKilled ×2", reading.Canary?.Note);
        Assert.Equal(0, reading.Stable!.Value);
    }

    /// <summary>A crashing version's pods crash every half second (down for 100 ms), so restarts come quickly.</summary>
    private static void FastCrashes(SandboxTrafficOptions traffic)
    {
        traffic.CrashEvery = TimeSpan.FromMilliseconds(500);
        traffic.CrashDowntime = TimeSpan.FromMilliseconds(100);
    }

    private static Func<MetricReading, bool> BothHave(int samples) =>
        r => r.Stable?.Samples >= samples && r.Canary?.Samples >= samples;
}
