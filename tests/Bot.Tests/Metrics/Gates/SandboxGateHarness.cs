using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>
/// A sandbox with checkout seeded (four pods of v1.0.0), the bot's Kubernetes and metric services connected to it
/// through a kubeconfig, and — when asked — a real Prometheus scraping the sandbox's <c>/metrics</c>.
/// </summary>
internal sealed class SandboxGateHarness : IAsyncDisposable
{
    public static readonly AppSpec Checkout = SandboxFixture.Checkout with { Metrics = "prometheus" };

    private readonly string _folder;

    private SandboxGateHarness(SandboxCluster sandbox, string folder, GateMetricsServices services, PrometheusServer? prometheus)
    {
        Sandbox = sandbox;
        _folder = folder;
        Services = services;
        Prometheus = prometheus;
    }

    public SandboxCluster Sandbox { get; }

    public GateMetricsServices Services { get; }

    public PrometheusServer? Prometheus { get; }

    /// <summary>Starts it all; a tick of 100 ms keeps the simulated counters smooth, <paramref name="traffic"/> changes the simulation.</summary>
    public static async Task<SandboxGateHarness> StartAsync(bool prometheus, Action<SandboxTrafficOptions>? traffic = null)
    {
        var options = new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(30) };
        options.Traffic.Tick = TimeSpan.FromMilliseconds(100);
        traffic?.Invoke(options.Traffic);
        var sandbox = await SandboxCluster.StartAsync(options, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("chatops-gates-").FullName;
        PrometheusServer? server = null;
        try
        {
            await sandbox.SeedAsync([new SandboxWorkload("shop", "checkout", 4, "registry.example/checkout:v1.0.0", "checkout")], CancellationToken.None);
            var settings = new Dictionary<string, string?>
            {
                ["Kubernetes:KubeconfigPath"] = sandbox.WriteKubeconfig(Path.Combine(folder, "kubeconfig")),
                ["Kubernetes:RolloutPollInterval"] = "00:00:00.020",
                ["Kubernetes:RolloutTimeout"] = "00:00:20",
                ["Kubernetes:RetryDelay"] = "00:00:00.005",
            };
            if (prometheus)
            {
                var port = PrometheusServer.FreePort();
                server = await PrometheusServer.StartAsync(sandbox.BaseAddress, port);
                settings["Metrics:Prometheus:Url"] = server.Url.ToString();
                settings["Metrics:Prometheus:MinRateWindow"] = "00:00:05";
            }

            var services = GateMetricsServices.Build(settings);
            await services.ConnectAsync();
            return new SandboxGateHarness(sandbox, folder, services, server);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deploys <paramref name="version"/> as checkout's canary with half the pods (the replica router), as a release would.</summary>
    public async Task<Release> DeployCanaryAsync(string version)
    {
        var release = SandboxFixture.ReleaseOf(Checkout, "v1.0.0", version);
        var router = Services.Get<IEnumerable<ITrafficRouter>>().Single(r => r.Name == ReplicaRatioRouter.ProviderName);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await router.ChangeAsync(Checkout, release, TrafficTarget.Canary(50), ChangeMode.Apply, timeout.Token);
        return release;
    }

    /// <summary>
    /// Reads <paramref name="metric"/> over the time since <paramref name="from"/> (5 s buckets) until
    /// <paramref name="enough"/> holds, at most for <paramref name="limit"/>; returns the last reading.
    /// </summary>
    public async Task<MetricReading> ReadUntilAsync(GateMetric metric, Release release, DateTimeOffset from, Func<MetricReading, bool> enough, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var reading = await Services.ReadAsync(metric, Checkout, release, new MetricWindow(from, now, MetricWindow.ShortestStep));
            if (enough(reading) || now > deadline)
            {
                return reading;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up with the temp folder later.
        }
    }
}
