using System.Text.Json.Nodes;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>
/// The simulated traffic follows each router's objects: the ready pod ratio (replicas), the canary Ingress's weight and
/// user rules (nginx), the HTTPRoute's weighted backendRefs and users rule (gateway). Ten minutes of 100 requests per
/// second give 60 000 requests, so a share is known to within a few tenths of a percent.
/// </summary>
public sealed class TrafficSplitTests : TrafficTestBase
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Replicas_FourStableOneCanaryReady_SendAboutAFifthToTheCanary()
    {
        await SeedAsync("checkout", 4, "registry.local/checkout:1.0");
        await AddCanaryAsync("checkout", 1, "registry.local/checkout:1.1");

        var buckets = Run("checkout", TenMinutes);

        Assert.Equal(60_000, buckets.Sum(b => b.Requests));
        Assert.Equal("1.0", Side(buckets, "stable").Version);
        Assert.Equal("1.1", Side(buckets, "canary").Version);
        Assert.InRange(CanaryShare(buckets), 0.19, 0.21);
    }

    [Fact]
    public async Task Replicas_NoCanary_SendsEverythingToStable()
    {
        await SeedAsync("checkout", 2, "registry.local/checkout:1.0");

        var buckets = Run("checkout", TimeSpan.FromMinutes(1));

        Assert.Equal(6_000, Assert.Single(buckets).Requests);
        Assert.Equal("stable", buckets[0].Track);
    }

    [Fact]
    public async Task Nginx_CanaryIngressWeight10_SendsAboutATenthToTheCanary_NotThePodRatio()
    {
        await SeedNginxAppAsync();
        await SetCanaryIngressAsync("payments", new() { ["canary-weight"] = "10" });

        var buckets = Run("payments", TenMinutes);

        Assert.Equal("2.0", Side(buckets, "canary").Version);
        Assert.InRange(CanaryShare(buckets), 0.09, 0.11);
    }

    [Fact]
    public async Task Nginx_Weight0_HeaderRule_SendsOnlyTheTestersToTheCanary()
    {
        await SeedNginxAppAsync();
        await SetCanaryIngressAsync("payments", new() { ["canary-weight"] = "0" });
        var closed = Run("payments", TimeSpan.FromMinutes(1));

        await SetCanaryIngressAsync("payments", new()
        {
            ["canary-weight"] = "0", ["canary-by-header"] = "X-Canary", ["canary-by-header-value"] = "testers",
        });
        var testers = Run("payments", TenMinutes);

        var idle = Side(closed, "canary");
        Assert.Equal((0, 0), (idle.Requests, idle.Errors));
        Assert.Null(idle.P50);
        Assert.InRange(CanaryShare(testers), 0.015, 0.025);
    }

    [Fact]
    public async Task Nginx_CookieRule_SendsTheTestersToo()
    {
        await SeedNginxAppAsync();
        await SetCanaryIngressAsync("payments", new() { ["canary-weight"] = "5", ["canary-by-cookie"] = "canary" });

        var buckets = Run("payments", TenMinutes);

        // 2 % testers, and 5 % of the other 98 %.
        Assert.InRange(CanaryShare(buckets), 0.064, 0.074);
    }

    [Fact]
    public async Task Gateway_Weights95To5_SendAboutOneInTwentyToTheCanary()
    {
        await SeedGatewayAppAsync();
        await SetRouteRulesAsync("search", [Rule(("search", 95), ("search-canary", 5))]);

        var buckets = Run("search", TenMinutes);

        Assert.Equal("3.1", Side(buckets, "canary").Version);
        Assert.InRange(CanaryShare(buckets), 0.04, 0.06);
    }

    [Fact]
    public async Task Gateway_UsersRuleAndStableAlone_SendsOnlyTheTestersToTheCanary()
    {
        await SeedGatewayAppAsync();
        var users = new JsonObject
        {
            ["name"] = "chatopsrelease-canary-users",
            ["matches"] = new JsonArray(new JsonObject
            {
                ["headers"] = new JsonArray(new JsonObject { ["type"] = "Exact", ["name"] = "X-Canary", ["value"] = "testers" }),
                ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" },
            }),
            ["backendRefs"] = new JsonArray(new JsonObject { ["name"] = "search-canary", ["port"] = 80 }),
        };
        await SetRouteRulesAsync("search", [users, Rule(("search", null))]);

        var buckets = Run("search", TenMinutes);

        Assert.InRange(CanaryShare(buckets), 0.015, 0.025);
    }

    [Fact]
    public async Task Gateway_PlainRoute_FallsBackToThePodRatio()
    {
        await SeedGatewayAppAsync();

        var buckets = Run("search", TenMinutes);

        Assert.InRange(CanaryShare(buckets), 0.19, 0.21);
    }

    private async Task SeedNginxAppAsync()
    {
        await SeedAsync("payments", 4, "registry.local/payments:1.0", SandboxEntry.Ingress("payments.example"));
        await AddCanaryAsync("payments", 1, "registry.local/payments:2.0");
        await AddCanaryServiceAsync("payments");
    }

    private async Task SeedGatewayAppAsync()
    {
        await SeedAsync("search", 4, "registry.local/search:3.0", SandboxEntry.HttpRoute("search.example"));
        await AddCanaryAsync("search", 1, "registry.local/search:3.1");
        await AddCanaryServiceAsync("search");
    }

    private static JsonObject Rule(params (string Service, int? Weight)[] backends)
    {
        var refs = new JsonArray();
        foreach (var (service, weight) in backends)
        {
            var backend = new JsonObject { ["name"] = service, ["port"] = 80 };
            if (weight is not null)
            {
                backend["weight"] = weight;
            }

            refs.Add(backend);
        }

        return new JsonObject
        {
            ["matches"] = new JsonArray(new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" } }),
            ["backendRefs"] = refs,
        };
    }
}
