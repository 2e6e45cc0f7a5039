using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>
/// The pods' resource and state series on <c>/metrics</c> (the names of cAdvisor and kube-state-metrics) and the
/// crashes of crashing versions, on the fake clock: every tick and crash happens while the test advances it.
/// </summary>
public sealed class PodMetricsTests : TrafficTestBase
{
    private const double MiB = 1024 * 1024;
    private static readonly string[] ContainerLabels = ["container", "namespace", "pod"];
    private static readonly string[] PodLabels = ["label_app", "label_track", "label_version", "namespace", "pod"];
    private static readonly string[] ReadyLabels = ["condition", "namespace", "pod"];

    [Fact]
    public async Task Exposition_HasCpuMemoryLabelsAndReadiness_ForEachPod()
    {
        await CheckoutAsync("1.1", stable: 2);
        Time.Advance(TimeSpan.FromMinutes(1));

        var scrape = await Scrape.GetAsync(Sandbox.BaseAddress);

        Assert.Contains("# TYPE container_cpu_usage_seconds_total counter", scrape.Comments);
        Assert.Contains("# TYPE container_memory_working_set_bytes gauge", scrape.Comments);
        Assert.Contains("# TYPE kube_pod_labels gauge", scrape.Comments);
        Assert.Contains("# TYPE kube_pod_status_ready gauge", scrape.Comments);
        var pods = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=checkout")).Items;
        Assert.Equal(3, pods.Count);
        foreach (var pod in pods)
        {
            var name = pod.Metadata.Name;
            var cpu = Assert.Single(scrape.Named("container_cpu_usage_seconds_total"), s => s.Labels["pod"] == name);
            Assert.Equal(ContainerLabels, cpu.Labels.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(("shop", "checkout"), (cpu.Labels["namespace"], cpu.Labels["container"]));
            Assert.True(cpu.Value > 0, $"{name} used no CPU");
            var memory = Assert.Single(scrape.Named("container_memory_working_set_bytes"), s => s.Labels["pod"] == name);
            Assert.Equal(ContainerLabels, memory.Labels.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(200 * MiB, memory.Value);
            var labels = Assert.Single(scrape.Named("kube_pod_labels"), s => s.Labels["pod"] == name);
            Assert.Equal(PodLabels, labels.Labels.Keys.Order(StringComparer.Ordinal));
            var canary = pod.Metadata.Labels.TryGetValue("track", out var track) && track == "canary";
            Assert.Equal(
                ("shop", "checkout", canary ? "canary" : "stable", canary ? "1.1" : "1.0", 1.0),
                (labels.Labels["namespace"], labels.Labels["label_app"], labels.Labels["label_track"], labels.Labels["label_version"], labels.Value));
            var ready = Assert.Single(scrape.Named("kube_pod_status_ready"), s => s.Labels["pod"] == name);
            Assert.Equal(ReadyLabels, ready.Labels.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(("shop", "true", 1.0), (ready.Labels["namespace"], ready.Labels["condition"], ready.Value));
        }
    }

    [Fact]
    public async Task Cpu_OfAHeavyCanaryPod_GrowsFortyPercentFaster_UnderTheSameLoad_AndMemoryIsFortyPercentMore()
    {
        await CheckoutAsync("1.1-heavy");
        Time.Advance(TimeSpan.FromSeconds(10));
        var before = await Scrape.GetAsync(Sandbox.BaseAddress);
        Time.Advance(TimeSpan.FromMinutes(2));
        var after = await Scrape.GetAsync(Sandbox.BaseAddress);

        // Per pod: 0.05 core for 120 s plus 0.002 CPU s per request it served, times 1.4 for the heavy version.
        var stable = Growth("stable");
        var canary = Growth("canary");
        Assert.Equal(0.05 * 120 + (0.002 * stable.Requests), stable.Cpu, 6);
        Assert.Equal(1.4 * ((0.05 * 120) + (0.002 * canary.Requests)), canary.Cpu, 6);
        Assert.InRange(canary.Requests / stable.Requests, 0.9, 1.1);
        Assert.InRange(canary.Cpu / stable.Cpu, 1.3, 1.5);
        Assert.Equal(200 * MiB, Memory(after, "stable"));
        Assert.Equal(Math.Round(1.4 * 200 * MiB), Memory(after, "canary"));

        (double Cpu, double Requests) Growth(string track) =>
            (Cpu(after, track) - Cpu(before, track), Requests(after, track) - Requests(before, track));
    }

    [Fact]
    public async Task KubePodLabels_JoinsEachPodsCpuToItsAppTrackAndVersion()
    {
        await CheckoutAsync("1.1-heavy", stable: 3);
        await SeedAsync("cart", 1, "registry.local/cart:7.2");
        Time.Advance(TimeSpan.FromMinutes(1));

        var scrape = await Scrape.GetAsync(Sandbox.BaseAddress);

        // sum by (label_app, label_track, label_version) (cpu * on (namespace, pod) group_left kube_pod_labels)
        var joined = scrape.Named("container_cpu_usage_seconds_total")
            .Select(cpu => (Cpu: cpu, Pod: Assert.Single(scrape.Named("kube_pod_labels"), l => l.Labels["namespace"] == cpu.Labels["namespace"] && l.Labels["pod"] == cpu.Labels["pod"])))
            .GroupBy(j => $"{j.Pod.Labels["label_app"]}/{j.Pod.Labels["label_track"]}/{j.Pod.Labels["label_version"]}")
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int> { ["cart/stable/7.2"] = 1, ["checkout/canary/1.1-heavy"] = 1, ["checkout/stable/1.0"] = 3 },
            joined);
    }

    [Fact]
    public async Task SeriesOfAPodThatIsGone_Disappear()
    {
        await CheckoutAsync("1.1");
        Time.Advance(TimeSpan.FromSeconds(30));
        var canaryPod = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "track=canary")).Items.Single().Metadata.Name;
        Assert.Contains((await Scrape.GetAsync(Sandbox.BaseAddress)).Samples, s => s.Labels.GetValueOrDefault("pod") == canaryPod);

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("checkout-canary", "shop");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "track=canary")).Items.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the canary pod was not deleted");
            await Task.Delay(10);
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        var scrape = await Scrape.GetAsync(Sandbox.BaseAddress);
        Assert.DoesNotContain(scrape.Samples, s => s.Labels.GetValueOrDefault("pod") == canaryPod);
        Assert.Single(scrape.Named("kube_pod_labels"));
        Assert.Single(scrape.Named("container_cpu_usage_seconds_total"));
    }

    [Fact]
    public async Task CrashVersion_RestartsEvery15s_IsNotReadyFor3s_ThenReadyAgain_AndOtherVersionsNeverRestart()
    {
        await CheckoutAsync("2.0-crash");
        var changes = new ConcurrentQueue<SandboxChange>();
        Sandbox.Changed += changes.Enqueue;
        var canaryPod = (await CanaryPodAsync()).Metadata.Name;

        Time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal((0, true), State(await CanaryPodAsync()));
        var upVersion = (await CanaryPodAsync()).Metadata.ResourceVersion;

        Time.Advance(TimeSpan.FromSeconds(1));
        var crashed = await CanaryPodAsync();
        Assert.Equal((1, false), State(crashed));
        var container = crashed.Status.ContainerStatuses[0];
        Assert.Equal("Error", container.LastState.Terminated.Reason);
        Assert.Equal(1, container.LastState.Terminated.ExitCode);
        Assert.Equal(Start.AddSeconds(15).UtcDateTime, container.LastState.Terminated.FinishedAt);
        Assert.Equal("CrashLoopBackOff", container.State.Waiting.Reason);
        Assert.Equal("False", crashed.Status.Conditions.Single(c => c.Type == "ContainersReady").Status);
        Assert.True(long.Parse(crashed.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(upVersion, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(changes, c => c is { Kind: "Pod", Type: "MODIFIED" } && c.Name == canaryPod && c.ResourceVersion == crashed.Metadata.ResourceVersion);
        Assert.Equal(0, await ReadyAsync(canaryPod));

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((1, false), State(await CanaryPodAsync()));
        Assert.Equal(0, await ReadyAsync(canaryPod));

        Time.Advance(TimeSpan.FromSeconds(1));
        var restarted = await CanaryPodAsync();
        Assert.Equal((1, true), State(restarted));
        Assert.Equal(Start.AddSeconds(18).UtcDateTime, restarted.Status.ContainerStatuses[0].State.Running.StartedAt);
        Assert.Equal("Error", restarted.Status.ContainerStatuses[0].LastState.Terminated.Reason);
        Assert.Equal(1, await ReadyAsync(canaryPod));

        Time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal((4, true), State(await CanaryPodAsync()));
        Assert.Equal(canaryPod, (await CanaryPodAsync()).Metadata.Name);
        var stable = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=checkout,track!=canary")).Items.Single();
        Assert.Equal((0, true), State(stable));
        Assert.Null(stable.Status.ContainerStatuses[0].LastState.Terminated);
        Assert.Equal(1, await ReadyAsync(stable.Metadata.Name));
    }

    [Fact]
    public async Task OomVersion_IsKilledForMemory()
    {
        await CheckoutAsync("2.0-crash-oom", canary: 2);

        Time.Advance(TimeSpan.FromSeconds(16));

        var pods = (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "track=canary")).Items;
        Assert.Equal(2, pods.Count);
        Assert.All(pods, pod =>
        {
            Assert.Equal((1, false), State(pod));
            Assert.Equal(("OOMKilled", 137), (pod.Status.ContainerStatuses[0].LastState.Terminated.Reason, pod.Status.ContainerStatuses[0].LastState.Terminated.ExitCode));
        });
        var scrape = await Scrape.GetAsync(Sandbox.BaseAddress);
        Assert.Equal([0.0, 0.0], pods.Select(p => scrape.Named("kube_pod_status_ready").Single(s => s.Labels["pod"] == p.Metadata.Name).Value));
    }

    [Fact]
    public void Options_CrashDowntimeMustBeShorterThanCrashEvery_AndZeroMeansNever()
    {
        Assert.Contains("Sandbox:Traffic:CrashDowntime must be more than 0 and less than CrashEvery.",
            new SandboxTrafficOptions { CrashEvery = TimeSpan.FromSeconds(5), CrashDowntime = TimeSpan.FromSeconds(5) }.Problems());
        Assert.Empty(new SandboxTrafficOptions { CrashEvery = TimeSpan.Zero, CrashDowntime = TimeSpan.FromSeconds(5) }.Problems());
        Assert.Contains("Sandbox:Traffic:ResourceProfiles 'heavy': the factors must be zero or more.",
            new SandboxTrafficOptions { ResourceProfiles = [new("heavy", -1, 1)] }.Problems());
    }

    /// <summary>Seeds checkout 1.0 with <paramref name="stable"/> pods and a canary of <paramref name="canaryVersion"/> with <paramref name="canary"/> pods.</summary>
    private async Task CheckoutAsync(string canaryVersion, int stable = 1, int canary = 1)
    {
        await SeedAsync("checkout", stable, "registry.local/checkout:1.0");
        await AddCanaryAsync("checkout", canary, $"registry.local/checkout:{canaryVersion}");
    }

    private static (int Restarts, bool Ready) State(V1Pod pod) =>
        (pod.Status.ContainerStatuses[0].RestartCount, pod.Status.ContainerStatuses[0].Ready && pod.Status.Conditions.Single(c => c.Type == "Ready").Status == "True");

    private static double Cpu(Scrape scrape, string track) => OfTrack(scrape, "container_cpu_usage_seconds_total", track);

    private static double Memory(Scrape scrape, string track) => OfTrack(scrape, "container_memory_working_set_bytes", track);

    private static double OfTrack(Scrape scrape, string name, string track)
    {
        var pod = Assert.Single(scrape.Named("kube_pod_labels"), s => s.Labels["label_track"] == track).Labels["pod"];
        return Assert.Single(scrape.Named(name), s => s.Labels["pod"] == pod).Value;
    }

    private static double Requests(Scrape scrape, string track) =>
        scrape.Named("http_requests_total").Where(s => s.Labels["track"] == track).Sum(s => s.Value);

    private async Task<V1Pod> CanaryPodAsync() =>
        (await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "track=canary")).Items.Single();

    private async Task<double> ReadyAsync(string pod) =>
        (await Scrape.GetAsync(Sandbox.BaseAddress)).Named("kube_pod_status_ready").Single(s => s.Labels["pod"] == pod).Value;
}
