using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

/// <summary>A sandbox, a router and a blue-green release brought through some phases, with the live Service watched from then on.</summary>
internal sealed class BlueGreenRun : IAsyncDisposable
{
    private BlueGreenRun(SandboxFixture cluster, AppSpec app, Release release, ITrafficRouter router, ServiceEndpoints.Watch watch)
    {
        (Cluster, App, Release, Router, Watch) = (cluster, app, release, router, watch);
    }

    public SandboxFixture Cluster { get; }

    public AppSpec App { get; }

    public Release Release { get; }

    public ITrafficRouter Router { get; }

    /// <summary>The live Service's endpoints after every write since the phases before the test were done.</summary>
    public ServiceEndpoints.Watch Watch { get; }

    /// <summary>Starts a sandbox, waits until the app's pods serve, and applies <paramref name="phases"/> with the named router.</summary>
    public static async Task<BlueGreenRun> AfterAsync(string router, int? kept, params TrafficTarget[] phases)
    {
        var cluster = await SandboxFixture.StartAsync();
        var (app, release) = BlueGreen.Of(router, kept);
        var routing = cluster.Router(router);
        await ServiceEndpoints.SettledAsync(cluster, app, 4);
        foreach (var phase in phases)
        {
            await routing.ChangeAsync(app, release, phase, ChangeMode.Apply, default);
        }

        return new BlueGreenRun(cluster, app, release, routing, await ServiceEndpoints.Watch.StartAsync(cluster, app));
    }

    public Task<IReadOnlyList<ClusterChange>> ApplyAsync(TrafficTarget target, ChangeMode mode = ChangeMode.Apply) =>
        Router.ChangeAsync(App, Release, target, mode, default);

    /// <summary>The ready pods the live Service selects now.</summary>
    public Task<List<Endpoint>> LiveAsync() => ServiceEndpoints.OfAsync(Cluster, App.Namespace, App.Service);

    public async ValueTask DisposeAsync()
    {
        Watch.Dispose();
        await Cluster.DisposeAsync();
    }
}
