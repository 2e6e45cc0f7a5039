using k8s;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Errors and latencies by version, the queried buckets, and how the fake clock drives the simulation.</summary>
public sealed class TrafficBehaviourTests : TrafficTestBase
{
    [Fact]
    public async Task BadVersion_ErrsAboutFivePercent_DefaultAboutHalfAPercent()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        await AddCanaryAsync("checkout", 1, "registry.local/checkout:1.1-bad");

        var buckets = Run("checkout", TimeSpan.FromMinutes(10));

        // About 30 000 requests a side: the binomial standard deviation is 0.04 points at 0.5 %, 0.13 points at 5 %.
        var stable = Side(buckets, "stable");
        var canary = Side(buckets, "canary");
        Assert.InRange((double)stable.Errors / stable.Requests, 0.0035, 0.0065);
        Assert.InRange((double)canary.Errors / canary.Requests, 0.045, 0.055);
    }

    [Fact]
    public async Task SlowVersion_HasThreeTimesTheLatency_WithALognormalTail()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        await AddCanaryAsync("checkout", 1, "registry.local/checkout:1.1-slow");

        var buckets = Run("checkout", TimeSpan.FromMinutes(5));

        var stable = Side(buckets, "stable");
        var canary = Side(buckets, "canary");
        Assert.InRange(stable.P50!.Value, 0.076, 0.084);
        Assert.InRange(stable.P95!.Value, 0.08 * Math.Exp(1.645 * 0.5) * 0.95, 0.08 * Math.Exp(1.645 * 0.5) * 1.05);
        Assert.InRange(stable.P99!.Value, stable.P95.Value, 0.08 * Math.Exp(2.326 * 0.5) * 1.08);
        Assert.InRange(canary.P50!.Value / stable.P50.Value, 2.8, 3.2);
        Assert.InRange((double)canary.Errors / canary.Requests, 0.002, 0.008);
    }

    [Fact]
    public async Task Query_StepBucketsSumToTheWholeWindow_AndCarryTheImageTags()
    {
        await SeedAsync("checkout", 4, "registry.local:5000/team/checkout:1.0");
        await AddCanaryAsync("checkout", 1, "registry.local:5000/team/checkout:1.1@sha256:" + new string('a', 64));
        var from = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromMinutes(10));

        var whole = Sandbox.Traffic.Query("shop", "checkout", from, from.AddMinutes(10), TimeSpan.FromMinutes(10));
        var minutes = Sandbox.Traffic.Query("shop", "checkout", from, from.AddMinutes(10), TimeSpan.FromMinutes(1));

        Assert.Equal(20, minutes.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(m => from.AddMinutes(m)), minutes.Select(b => b.Start).Distinct());
        Assert.All(minutes.GroupBy(b => b.Start), g => Assert.Equal(["canary", "stable"], g.Select(b => b.Track)));
        Assert.All(minutes, b => Assert.Equal(b.Track == "canary" ? "1.1" : "1.0", b.Version));
        Assert.All(minutes.Where(b => b.Track == "stable"), b => Assert.Equal(6_000, b.Requests + Side(minutes.Where(c => c.Start == b.Start).ToList(), "canary").Requests));
        foreach (var track in new[] { "stable", "canary" })
        {
            Assert.Equal(Side(whole, track).Requests, minutes.Where(b => b.Track == track).Sum(b => b.Requests));
            Assert.Equal(Side(whole, track).Errors, minutes.Where(b => b.Track == track).Sum(b => b.Errors));
        }
    }

    [Fact]
    public async Task Query_OtherAppOrWindowWithoutTicks_IsEmpty_AndBadArgumentsThrow()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(Sandbox.Traffic.Query("shop", "payments", Start, Start.AddMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.Empty(Sandbox.Traffic.Query("other", "checkout", Start, Start.AddMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.Empty(Sandbox.Traffic.Query("shop", "checkout", Start.AddMinutes(1), Start.AddMinutes(2), TimeSpan.FromMinutes(1)));
        Assert.Empty(Sandbox.Traffic.Query("shop", "checkout", Start.AddMinutes(1), Start, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sandbox.Traffic.Query("shop", "checkout", Start, Start.AddMinutes(1), TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => Sandbox.Traffic.Query("", "checkout", Start, Start.AddMinutes(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Simulation_AdvancesOnlyWithTheClock_OneTickPerSecond()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        await Task.Delay(100);

        Assert.Equal(Start, Sandbox.Traffic.SimulatedUntil);
        Assert.Empty(Sandbox.Traffic.Query("shop", "checkout", Start, Start.AddHours(1), TimeSpan.FromSeconds(1)));

        Time.Advance(TimeSpan.FromMilliseconds(2500));

        Assert.Equal(Start.AddSeconds(2), Sandbox.Traffic.SimulatedUntil);
        var ticks = Sandbox.Traffic.Query("shop", "checkout", Start, Start.AddHours(1), TimeSpan.FromSeconds(1));
        Assert.Equal([Start, Start.AddSeconds(1)], ticks.Select(t => t.Start));
        Assert.All(ticks, t => Assert.Equal(100, t.Requests));
    }

    [Fact]
    public async Task DeploymentWithoutService_GetsNoTraffic()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(NewWorker(), "shop");
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(Sandbox.Traffic.Query("shop", "worker", Start, Start.AddMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.Single(Sandbox.Traffic.Query("shop", "checkout", Start, Start.AddMinutes(1), TimeSpan.FromMinutes(1)));
    }

    private static k8s.Models.V1Deployment NewWorker() => new()
    {
        Metadata = new() { Name = "worker" },
        Spec = new()
        {
            Replicas = 1,
            Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "worker" } },
            Template = new()
            {
                Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = "worker" } },
                Spec = new() { Containers = [new() { Name = "worker", Image = "registry.local/worker:1.0" }] },
            },
        },
    };
}

/// <summary>Ticks older than the retention are dropped.</summary>
public sealed class TrafficRetentionTests : TrafficTestBase
{
    public TrafficRetentionTests()
    {
        Traffic.Retention = TimeSpan.FromMinutes(1);
    }

    [Fact]
    public async Task Query_KeepsOnlyTheRetention()
    {
        await SeedAsync("checkout", 1, "registry.local/checkout:1.0");
        Time.Advance(TimeSpan.FromMinutes(3));

        var buckets = Sandbox.Traffic.Query("shop", "checkout", Start, Start.AddMinutes(3), TimeSpan.FromMinutes(1));

        Assert.Equal(Start.AddMinutes(2), Assert.Single(buckets).Start);
        Assert.Equal(6_000, buckets[0].Requests);
    }
}
