using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Traffic;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class TrafficUnitTests
{
    [Theory]
    [InlineData("registry.local/checkout:1.0", "1.0")]
    [InlineData("registry.local:5000/team/checkout:2.1-bad", "2.1-bad")]
    [InlineData("registry.local:5000/checkout", "latest")]
    [InlineData("checkout:3@sha256:0123", "3")]
    [InlineData("checkout@sha256:0123", "latest")]
    [InlineData("", "unknown")]
    public void ImageTag_IsTheTagWithoutRegistryPortOrDigest(string image, string expected) =>
        Assert.Equal(expected, ImageTag.Of(image));

    [Fact]
    public void LatencySketch_QuantilesAreWithinOnePercent()
    {
        var sketch = new LatencySketch();
        for (var i = 1; i <= 1000; i++)
        {
            sketch.Add(i / 1000.0);
        }

        sketch.Freeze();
        var totals = new long[LatencySketch.BinCount];
        sketch.AddTo(totals);

        Assert.InRange(LatencySketch.Quantile(totals, 0.50)!.Value, 0.495, 0.505);
        Assert.InRange(LatencySketch.Quantile(totals, 0.95)!.Value, 0.9405, 0.9595);
        Assert.InRange(LatencySketch.Quantile(totals, 0.99)!.Value, 0.9801, 0.9999);
        Assert.Null(LatencySketch.Quantile(new long[LatencySketch.BinCount], 0.5));
    }

    [Fact]
    public void Generator_SameSeedSameDraws_OtherSeedOtherDraws()
    {
        var app = new AppTraffic("shop", "checkout", [Ready("1.0", 4)], [Ready("1.1", 1)], new TrafficSplit("replicas", 0.2, false));

        var first = Draw(new SandboxTrafficOptions { Seed = 5 }, app);
        var again = Draw(new SandboxTrafficOptions { Seed = 5 }, app);
        var other = Draw(new SandboxTrafficOptions { Seed = 6 }, app);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(1000, first.Sum(s => s.Requests));
    }

    [Fact]
    public void Generator_CarriesFractionsOfARequest_AndPicksVersionsByReadyPods()
    {
        var generator = new TrafficGenerator(new SandboxTrafficOptions { RequestsPerSecond = 0.4 });
        var app = new AppTraffic("shop", "checkout", [Ready("1.0", 1)], [], new TrafficSplit("replicas", 0, false));
        var mixed = new AppTraffic("shop", "mixed", [Ready("1.0", 3), Ready("2.0", 1)], [], new TrafficSplit("replicas", 0, false));

        var counts = Enumerable.Range(0, 10).Select(_ => generator.Run(app, TimeSpan.FromSeconds(1)).Single().Requests).ToList();
        var versions = new TrafficGenerator(new SandboxTrafficOptions()).Run(mixed, TimeSpan.FromSeconds(400));

        Assert.Equal([0, 0, 1, 0, 1, 0, 0, 1, 0, 1], counts);
        Assert.InRange(versions.Single(s => s.Version == "2.0").Requests, 9_000, 11_000);
    }

    [Theory]
    [InlineData("1.1-BAD", 0.05, 0.08)]
    [InlineData("1.1-slow", 0.005, 0.24)]
    [InlineData("1.1-bad-slow", 0.05, 0.08)]
    [InlineData("1.1", 0.005, 0.08)]
    public void Profiles_FirstMatchIgnoringCase_ElseTheDefaults(string version, double errorRate, double median) =>
        Assert.Equal((errorRate, median), new TrafficGenerator(new SandboxTrafficOptions()).ProfileOf(version));

    [Fact]
    public void RouterSplit_ReadsNginxWeightTotal_AndGatewayDefaultWeights()
    {
        var services = new List<JsonObject> { Service("web", null), Service("web-canary", "canary") };
        var ingress = JsonNode.Parse("""
            {"metadata":{"name":"web-canary","annotations":{"nginx.ingress.kubernetes.io/canary":"true",
             "nginx.ingress.kubernetes.io/canary-weight":"25","nginx.ingress.kubernetes.io/canary-weight-total":"1000"}},
             "spec":{"defaultBackend":{"service":{"name":"web-canary","port":{"number":80}}}}}
            """)!.AsObject();
        var route = JsonNode.Parse("""
            {"metadata":{"name":"web","namespace":"shop"},"spec":{"rules":[
             {"backendRefs":[{"name":"web","port":80},{"name":"web-canary","port":80,"weight":3}]}]}}
            """)!.AsObject();

        Assert.Equal(new TrafficSplit("nginx", 0.025, false), RouterSplit.For(services, [ingress], [route], 4, 1));
        Assert.Equal(new TrafficSplit("gateway", 0.75, false), RouterSplit.For(services, [], [route], 4, 1));
        Assert.Equal(new TrafficSplit("replicas", 0.2, false), RouterSplit.For(services, [], [], 4, 1));
        Assert.Equal(new TrafficSplit("replicas", 0, false), RouterSplit.For(services, [], [], 0, 0));
    }

    [Theory]
    [InlineData(nameof(SandboxTrafficOptions.TesterShare))]
    [InlineData(nameof(SandboxTrafficOptions.Tick))]
    [InlineData(nameof(SandboxTrafficOptions.Profiles))]
    public async Task StartAsync_RejectsUnusableTrafficOptions(string option)
    {
        var traffic = new SandboxTrafficOptions();
        switch (option)
        {
            case nameof(SandboxTrafficOptions.TesterShare):
                traffic.TesterShare = 1.5;
                break;
            case nameof(SandboxTrafficOptions.Tick):
                traffic.Tick = TimeSpan.Zero;
                break;
            default:
                traffic.Profiles.Add(new SandboxTrafficProfile("broken", -0.1, 0.1));
                break;
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            SandboxCluster.StartAsync(new SandboxOptions { Traffic = traffic }, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RouterSplit_FollowsALiveServicePinnedToATrack_AsABlueGreenReleaseLeavesIt()
    {
        var preview = new List<JsonObject> { Service("web", "stable"), Service("web-canary", "canary") };
        var switched = new List<JsonObject> { Service("web", "canary"), Service("web-canary", "canary") };
        var ingress = JsonNode.Parse("""
            {"metadata":{"name":"web-canary","annotations":{"nginx.ingress.kubernetes.io/canary":"true",
             "nginx.ingress.kubernetes.io/canary-weight":"0","nginx.ingress.kubernetes.io/canary-by-header":"X-Preview"}},
             "spec":{"defaultBackend":{"service":{"name":"web-canary","port":{"number":80}}}}}
            """)!.AsObject();

        Assert.Equal(new TrafficSplit("replicas", 0, false), RouterSplit.For(preview, [], [], 4, 4));
        Assert.Equal(new TrafficSplit("replicas", 1, false), RouterSplit.For(switched, [], [], 4, 4));
        Assert.Equal(new TrafficSplit("nginx", 0, true), RouterSplit.For(preview, [ingress], [], 4, 4));
        Assert.Equal(new TrafficSplit("nginx", 1, true), RouterSplit.For(switched, [ingress], [], 4, 4));
    }

    private static List<(string Track, string Version, long Requests, long Errors, double Sum)> Draw(SandboxTrafficOptions options, AppTraffic app) =>
        new TrafficGenerator(options).Run(app, TimeSpan.FromSeconds(10)).Select(s => (s.Track, s.Version, s.Requests, s.Errors, s.LatencySum)).ToList();

    private static JsonObject Service(string name, string? track)
    {
        var selector = new JsonObject { ["app"] = "web" };
        if (track is not null)
        {
            selector["track"] = track;
        }

        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop" }, ["spec"] = new JsonObject { ["selector"] = selector } };
    }

    /// <summary>A backend of <paramref name="pods"/> ready pods of one version.</summary>
    private static Backend Ready(string version, int pods) =>
        new(version, [.. Enumerable.Range(0, pods).Select(i => $"{version}-pod-{i}")]);
}
