using ChatOpsRelease.Bot.Metrics.Sandbox;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Sandbox;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsRelease.Bench.CanaryDetection;

/// <summary>
/// One canary on the sandbox, on a fake clock: the nginx app <c>payments</c> (stable v1.0.0) and a canary Deployment,
/// Service and Ingress sending it an exact share of the requests. The clock is advanced one second at a time, and at
/// every look the canary is judged over its whole life so far — the sandbox metric source and the judge the bot uses.
/// </summary>
internal sealed class SimulatedCanary : IAsyncDisposable
{
    private static readonly AppSpec App = new("payments", "shop", "payments", "payments", null, "nginx", "production");
    private static readonly DateTimeOffset Epoch = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Epoch);
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
    private readonly Release _release;
    private SandboxCluster? _sandbox;
    private DateTimeOffset _since;

    private SimulatedCanary(string version)
    {
        _release = Release.Start(
            new NewRelease(App.Name, "sandbox", App.Namespace, "v1.0.0", version, "registry.example/payments:v1.0.0", $"registry.example/payments:{version}", 4,
                "bench", new ConversationRef("console", "bench")),
            Epoch);
    }

    /// <summary>A sandbox whose traffic is drawn from <paramref name="seed"/>, with <paramref name="version"/> at <paramref name="weight"/> %.</summary>
    public static async Task<SimulatedCanary> StartAsync(string version, int weight, double requestsPerSecond, int seed)
    {
        var canary = new SimulatedCanary(version);
        var options = new SandboxOptions
        {
            PodReadyDelay = TimeSpan.Zero,
            Traffic = new SandboxTrafficOptions
            {
                Seed = seed,
                RequestsPerSecond = requestsPerSecond,
                Tick = TimeSpan.FromSeconds(1),
                ErrorRate = 0.005,

                // Five times stable's error rate, the same latency.
                Profiles = [new SandboxTrafficProfile("worse", 0.025, 0.08)],
            },
        };
        canary._sandbox = await SandboxCluster.StartAsync(options, canary._time, NullLoggerFactory.Instance, CancellationToken.None);
        await canary._sandbox.SeedAsync(
            [new SandboxWorkload(App.Namespace, App.Deployment, 4, "registry.example/payments:v1.0.0", App.Service) { Entry = SandboxEntry.Ingress("payments.example") }],
            CancellationToken.None);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            canary._sandbox.WriteKubeconfig(Path.Combine(canary._folder, "kubeconfig"))));
        await CanaryObjects.CreateAsync(client, App, $"registry.example/payments:{version}", weight);
        await canary.WaitForReadyAsync(App.Deployment, 4);
        await canary.WaitForReadyAsync(App.CanaryDeployment, 1);
        canary._since = canary._time.GetUtcNow();
        return canary;
    }

    /// <summary>Seconds the canary has run.</summary>
    public TimeSpan Age => _time.GetUtcNow() - _since;

    /// <summary>Lets one more second of traffic happen.</summary>
    public void Tick() => _time.Advance(TimeSpan.FromSeconds(1));

    /// <summary>The verdict over the canary's whole life so far, and the data behind it.</summary>
    public (Verdict Verdict, ComparisonData? Data) Judge(AnalysisSettings settings)
    {
        var window = MetricWindow.Ending(_time.GetUtcNow(), Age);
        var result = SandboxMetricSource.Read(_sandbox!.Traffic, App, _release, window);
        return (CanaryJudge.Judge(result.Data, result.NoData, settings), result.Data);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitForReadyAsync(string deployment, int replicas)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_sandbox!.GetObject("Deployment", App.Namespace, deployment)?["status"]?["readyReplicas"]?.GetValue<int>() != replicas)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{deployment} did not get {replicas} ready pods.");
            }

            await Task.Delay(5);
        }
    }
}
