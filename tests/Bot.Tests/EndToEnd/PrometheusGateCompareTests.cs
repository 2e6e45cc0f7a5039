using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// <c>compare</c> with gate metrics besides errors, through the whole bot: the sandbox simulates each pod's CPU, memory,
/// readiness and crashes, a real Prometheus scrapes them, and the bot reads them back (restarts from the pods).
/// </summary>
public sealed class PrometheusGateCompareTests
{
    // 500 requests per app every 50 ms tick: a 50 % canary gets 5,000 a second.
    private static Dictionary<string, string?> Busy(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Traffic:Tick"] = "00:00:00.050",
            ["Sandbox:Traffic:RequestsPerSecond"] = "10000",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Both sides counted 20,000 requests (a clear errors verdict) and have resource samples to read.</summary>
    private const string Ready = """
        sum(increase(http_requests_total{app="checkout",track="stable"}[1m])) >= 20000
        and on() sum(increase(http_requests_total{app="checkout",track="canary"}[1m])) >= 20000
        and on() count(count_over_time(container_cpu_usage_seconds_total{namespace="shop"}[1m]) >= 3) >= 4
        """;

    [Fact]
    public async Task AHeavyCanary_PassesTheErrorGate_AndFailsTheResourceGate()
    {
        var run = await PrometheusRun.StartAsync(
            Busy(("Apps:checkout:Gates:0:Name", "cpu"), ("Apps:checkout:Gates:0:MinSamples", "1"), ("Apps:checkout:Gates:1:Name", "memory"), ("Apps:checkout:Gates:1:MinSamples", "1")),
            ("deploy checkout v2.0.0-heavy", null), ("promote checkout 50%", null), ("compare checkout", Ready));

        run.AssertHeadline("checkout v1.0.0 (stable) vs v2.0.0-heavy (canary)", @"^Fail: cpu, memory failed — 2 of the 2 weight judged\.$");
        run.AssertMatches(@"\n\s*errors \*\s+\d+\.\d+ %\s+\d+\.\d+ %\s+Pass\n");
        run.AssertMatches(@"\n\s*cpu\s+\d+\.\d{3} cores/pod\s+\d+\.\d{3} cores/pod\s+Fail\n");
        run.AssertMatches(@"• cpu: Fail — the canary is \d+(\.\d)? % higher than stable, more than the 25 % allowed\.");
        run.AssertMatches(@"• memory: Fail — the canary is \d+(\.\d)? % higher than stable");
    }

    [Fact]
    public async Task ACrashingCanary_FailsOnRestartsAndAvailability()
    {
        const string crashed = Ready + """

            and on() min(min_over_time(kube_pod_status_ready{condition="true",namespace="shop"}[1m]) * on(namespace, pod) group_left() kube_pod_labels{label_app="checkout",label_track="canary"}) == 0
            """;
        var run = await PrometheusRun.StartAsync(
            Busy(("Sandbox:Traffic:CrashEvery", "00:00:02"), ("Sandbox:Traffic:CrashDowntime", "00:00:01"),
                ("Apps:checkout:Gates:0:Name", "restarts"), ("Apps:checkout:Gates:1:Name", "availability"), ("Apps:checkout:Gates:1:MinSamples", "1")),
            ("deploy checkout v2.0.0-crash", null), ("promote checkout 50%", null), ("compare checkout", crashed));

        run.AssertHeadline("checkout v1.0.0 (stable) vs v2.0.0-crash (canary)", @"^Fail: restarts, availability failed \(the canary restarted \d+ times against 0 for stable");
        run.AssertMatches(@"\n\s*restarts \*\s+0\s+\d+ \([^)\n]*Error[^)\n]*\)\s+Fail\n");
        run.AssertMatches(@"• availability: Fail — the canary's pods were ready \d+(\.\d)? % of the time against 100 %");
    }

    [Fact]
    public async Task ACustomKpiWithTooLittleData_IsInconclusive()
    {
        const string query = """sum(rate(http_requests_total{app="{app}",namespace="{namespace}",track="{track}",code="200"}[{window}]))""";
        var run = await PrometheusRun.StartAsync(
            Busy(("Apps:checkout:Gates:0:Name", "conversion"), ("Apps:checkout:Gates:0:Query", query), ("Apps:checkout:Gates:0:Critical", "true"),
                ("Apps:checkout:Gates:0:MinSamples", "1000")),
            ("deploy checkout v2.0.0", null), ("promote checkout 50%", null), ("compare checkout", Ready));

        run.AssertHeadline("checkout v1.0.0 (stable) vs v2.0.0 (canary)", @"^Inconclusive: conversion cannot be judged yet \(stable has \d+ samples?; at least 1000 needed\)\.$");
        run.AssertMatches(@"\n\s*conversion \*\s+\d+(\.\d+)?\s+\d+(\.\d+)?\s+Inconclusive\n");
    }
}
