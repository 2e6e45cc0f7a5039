using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Tests.Support;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// <c>compare</c> through the whole bot on the sandbox's simulated traffic, scraped from its <c>/metrics</c> by a real
/// Prometheus server and read back by the <c>prometheus</c> metric source.
/// </summary>
public sealed class PrometheusCompareTests
{
    // 500 requests per app every 50 ms tick: a 50 % canary gets 5,000 a second.
    private static readonly Dictionary<string, string?> Busy = new()
    {
        ["Sandbox:Traffic:Tick"] = "00:00:00.050",
        ["Sandbox:Traffic:RequestsPerSecond"] = "10000",
    };

    // 20 requests per app every 50 ms tick: a 1 % canary gets about 4 a second.
    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Sandbox:Traffic:Tick"] = "00:00:00.050",
        ["Sandbox:Traffic:RequestsPerSecond"] = "400",
    };

    [Fact]
    public async Task ABadCanary_Fails_AndTheReplyShowsThePromQL()
    {
        var run = await RunAsync(Busy, ("deploy checkout v2.0.0-bad", null), ("promote checkout 50%", null), ("compare checkout", BothSides("checkout", 5000)));

        run.AssertHeadline("checkout v1.0.0 (stable) vs v2.0.0-bad (canary)", @"^Fail: ");
        run.AssertMatches(@"canary\s+v2\.0\.0-bad\s+[\d,]+\s+[\d,]+\s+[4-6]\.\d+ %");
        run.AssertContains("Query: requests (stable): " + Requests("checkout", "stable"));
        run.AssertContains("errors (canary): " + Errors("checkout", "canary"));
    }

    [Fact]
    public async Task AnIdenticalCanary_Passes()
    {
        // 20,000 a side keeps the interval of the difference (about ±0.14 points) well inside the half-point margin.
        var run = await RunAsync(Busy, ("deploy checkout v2.0.0", null), ("promote checkout 50%", null), ("compare checkout", BothSides("checkout", 20_000)));

        run.AssertHeadline("checkout v1.0.0 (stable) vs v2.0.0 (canary)", @"^Pass: ");
        run.AssertContains("Query: requests (stable): " + Requests("checkout", "stable"));
    }

    [Fact]
    public async Task AStarvedCanary_IsInconclusive_AndSaysWhy()
    {
        // payments' canary gets 1 % of the requests; search's canary is deployed at 0 % and never gets any.
        const string ready = """
            sum(increase(http_requests_total{app="payments",track="stable"}[1m])) >= 400
            and on() count_over_time(http_requests_total{app="payments",track="canary",code="200"}[1m]) >= 3
            and on() count_over_time(http_requests_total{app="search",track="stable",code="200"}[1m]) >= 3
            """;
        var run = await RunAsync(
            Quiet,
            ("deploy payments v3.2.0", null),
            ("promote payments 1%", null),
            ("deploy search v5.3.0", null),
            ("compare payments", ready),
            ("compare search", null));

        run.AssertHeadline("payments v3.1.0 (stable) vs v3.2.0 (canary)", @"^Inconclusive: canary has \d+ requests? in the last 15 min; at least 200 are needed\.$");
        run.AssertContains("Query: requests (stable): " + Requests("payments", "stable"));
        run.AssertHeadline("search v5.2.0 (stable) vs v5.3.0 (canary)",
            "^" + Regex.Escape($"Inconclusive: no data — Prometheus has no series for the canary of search in the last 15 min (query: {Requests("search", "canary")}).") + "$");
    }

    /// <summary>The default requests query of one side, as the source fills it in for a 15 min window (15 s buckets).</summary>
    private static string Requests(string app, string track) =>
        $$"""sum(rate(http_requests_total{app="{{app}}",namespace="shop",track="{{track}}"}[15s]))""";

    private static string Errors(string app, string track) =>
        $$"""sum(rate(http_requests_total{app="{{app}}",namespace="shop",track="{{track}}",code=~"5.."}[15s]))""";

    /// <summary>
    /// PromQL that answers once Prometheus has counted <paramref name="requests"/> on each side of <paramref name="app"/>
    /// and holds at least three samples of its canary (so every rate the source asks for has two).
    /// </summary>
    private static string BothSides(string app, int requests) => $$"""
        sum(increase(http_requests_total{app="{{app}}",track="stable"}[1m])) >= {{requests}}
        and on() sum(increase(http_requests_total{app="{{app}}",track="canary"}[1m])) >= {{requests}}
        and on() count_over_time(http_requests_total{app="{{app}}",track="canary",code="200"}[1m]) >= 3
        """;

    private static Task<PrometheusRun> RunAsync(Dictionary<string, string?> traffic, params (string Line, string? ReadyWhen)[] lines) =>
        PrometheusRun.StartAsync(traffic, lines);
}
