using ChatOpsRelease.Bot.Releases;
using ChatOpsRelease.Sandbox;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Starts simulated clusters, each seeded with the <c>Sandbox:Seed</c> workloads of the configured apps, and waits
/// until their seeded Deployments serve (a release needs a healthy stable version to start from).
/// </summary>
internal sealed class SandboxLauncher(
    IOptions<SandboxSettings> sandbox,
    IOptions<KubernetesOptions> kubernetes,
    IConfiguration configuration,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>
    /// Starts one sandbox per port, concurrently, in the same order. When one cannot start, the others are stopped
    /// before the error is passed on.
    /// </summary>
    public async Task<IReadOnlyList<SandboxCluster>> StartAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var starting = ports.Select(port => StartOneAsync(port, cancellationToken)).ToList();
        try
        {
            return await Task.WhenAll(starting).ConfigureAwait(false);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<SandboxCluster> StartOneAsync(int port, CancellationToken cancellationToken)
    {
        var settings = sandbox.Value;
        var cluster = await SandboxCluster.StartAsync(
            new Sandbox.SandboxOptions { Port = port, PodReadyDelay = settings.PodReadyDelay, Traffic = settings.Traffic, Faults = settings.Faults },
            time,
            loggers,
            cancellationToken).ConfigureAwait(false);
        try
        {
            var seeded = Seeds(settings);
            await cluster.SeedAsync(seeded, cancellationToken).ConfigureAwait(false);
            await WaitUntilServingAsync(cluster, seeded, kubernetes.Value.RolloutTimeout, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private List<SandboxWorkload> Seeds(SandboxSettings settings)
    {
        var apps = new AppsOptions();
        AppsOptions.Bind(configuration, apps);
        return settings.Seed
            .Select(s => (Seed: s.Value, App: apps.Apps.GetValueOrDefault(s.Key)?.ToSpec(s.Key)))
            .Where(s => s.App is not null)
            .Select(s => new SandboxWorkload(s.App!.Namespace, s.App.Deployment, s.Seed.Replicas, s.Seed.Image, s.App.Service, s.Seed.Port)
            {
                Entry = EntryFor(s.App, s.Seed),
            })
            .ToList();
    }

    private async Task WaitUntilServingAsync(SandboxCluster cluster, List<SandboxWorkload> seeded, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (seeded.Any(w => !Serving(cluster.GetObject("Deployment", w.Namespace, w.Name))) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Serving(System.Text.Json.Nodes.JsonObject? deployment) =>
        deployment is not null && RolloutWaiter.IsComplete(k8s.KubernetesJson.Deserialize<k8s.Models.V1Deployment>(deployment.ToJsonString()));

    /// <summary>The Ingress or HTTPRoute a router needs in front of the app, as the example manifests have it.</summary>
    private static SandboxEntry? EntryFor(Commands.Releases.AppSpec app, SandboxSeed seed) => app.Router switch
    {
        Routers.NginxIngressRouter.ProviderName => SandboxEntry.Ingress(seed.Host ?? $"{app.Name}.example"),
        Routers.GatewayRouter.ProviderName => SandboxEntry.HttpRoute(seed.Host ?? $"{app.Name}.example"),
        _ => null,
    };
}
