using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Http;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Resources;
using ChatOpsRelease.Sandbox.Simulator;
using ChatOpsRelease.Sandbox.Store;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox;

/// <summary>
/// A simulated Kubernetes cluster: a loopback HTTP server speaking the subset of the Kubernetes API that the bot
/// and <c>kubectl get</c> use, backed by an in-memory store, plus a simulator that makes Deployments roll out pods.
/// </summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private DeploymentSimulator? _simulator;
    private SandboxServer? _server;
    private int _disposed;

    private SandboxCluster(ObjectStore store, SandboxTraffic traffic, SandboxFaults faults, ILogger logger)
    {
        _store = store;
        _logger = logger;
        Traffic = traffic;
        Faults = faults;
        _store.Committed += RaiseChanged;
    }

    /// <summary>
    /// Raised after every stored write, whether made through the API or by the simulator: synchronously on the
    /// writing thread, in resourceVersion order, before an API write is answered. Handlers should be quick and must
    /// not wait for another write to the sandbox.
    /// </summary>
    public event Action<SandboxChange>? Changed;

    /// <summary>The simulated request traffic of the sandbox's apps, also served as Prometheus metrics on <c>/metrics</c>.</summary>
    public SandboxTraffic Traffic { get; }

    /// <summary>The faults the API server injects into resource requests, changeable while the sandbox runs.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>The API server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("The sandbox is not started.");

    /// <summary>
    /// Starts the API server, the simulator and the traffic simulation. Every clock read and delay goes through
    /// <paramref name="time"/>; with a fake clock, traffic is simulated as the clock is advanced.
    /// </summary>
    public static async Task<SandboxCluster> StartAsync(SandboxOptions options, TimeProvider time, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(options.Traffic);
        ArgumentNullException.ThrowIfNull(options.Faults);
        options.Traffic.Validate();
        options.Faults.Validate();
        var logger = loggerFactory.CreateLogger<SandboxCluster>();
        var store = new ObjectStore(time);
        store.Create(ResourceTypes.Namespace, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
        var cluster = new SandboxCluster(store, new SandboxTraffic(store, options.Traffic, time, logger), new SandboxFaults(options.Faults), logger);
        try
        {
            var endpoints = new ResourceEndpoints(store, time, new WatchStreamer(store, time, logger), cluster._stopping.Token);
            var handler = new ApiHandler(
                endpoints, new FaultInjection(cluster.Faults, time), () => cluster.BaseAddress.Authority, cluster.Traffic.RenderMetrics, logger);
            cluster._server = await SandboxServer.StartAsync(options.Host, options.Port, loggerFactory, handler.HandleAsync, ct);
            cluster._simulator = new DeploymentSimulator(store, time, options.PodReadyDelay, logger);
            cluster._simulator.Start();
            cluster.Traffic.Start();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        Log.Started(logger, cluster.BaseAddress);
        return cluster;
    }

    /// <summary>
    /// Creates, for each workload, a Deployment (labels and selector <c>app=&lt;name&gt;</c>, one container named
    /// after it), a Service (port 80 to the container port) and, when <see cref="SandboxWorkload.Entry"/> asks for
    /// one, an Ingress or HTTPRoute named like the Deployment — each unless an object of that name already exists.
    /// </summary>
    public Task SeedAsync(IEnumerable<SandboxWorkload> workloads, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        foreach (var workload in workloads)
        {
            ct.ThrowIfCancellationRequested();
            CreateIfAbsent(ResourceTypes.Deployment, workload.Namespace, WorkloadManifests.Deployment(workload));
            CreateIfAbsent(ResourceTypes.Service, workload.Namespace, WorkloadManifests.Service(workload));
            if (workload.Entry is { } entry)
            {
                var (type, manifest) = WorkloadManifests.Entry(workload, entry);
                CreateIfAbsent(type, workload.Namespace, manifest);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes a kubeconfig for this sandbox (creating the directory), its cluster, context and user named "sandbox",
    /// and returns its full path.
    /// </summary>
    public string WriteKubeconfig(string path) => Kubeconfig.Write(path, [("sandbox", BaseAddress)]);

    /// <summary>
    /// Writes one kubeconfig for several sandboxes (creating the directory): one context per entry, its cluster and
    /// user named like it, the first being the current context. Returns the file's full path.
    /// </summary>
    public static string WriteKubeconfig(string path, IReadOnlyList<KeyValuePair<string, SandboxCluster>> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        foreach (var (name, _) in contexts)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(contexts));
        }

        if (contexts.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != contexts.Count)
        {
            throw new ArgumentException("Each context needs its own name.", nameof(contexts));
        }

        return Kubeconfig.Write(path, [.. contexts.Select(c => (c.Key, c.Value.BaseAddress))]);
    }

    /// <summary>
    /// A copy of a stored object, or null. <paramref name="kind"/> is a kind, plural or short name (e.g. "Ingress",
    /// "ing", "HTTPRoute", "httproutes").
    /// </summary>
    public JsonObject? GetObject(string kind, string @namespace, string name)
    {
        var type = ResourceTypes.ByName(kind) ?? throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind));
        return _store.Get(type, type.Namespaced ? @namespace : "", name);
    }

    /// <summary>Stops the traffic simulation, the API server (ending open watches) and the simulator.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Traffic.Stop();
        await _stopping.CancelAsync();
        _store.Close();
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _store.Committed -= RaiseChanged;
        _stopping.Dispose();
        Log.Stopped(_logger);
    }

    private void CreateIfAbsent(ResourceType type, string @namespace, JsonObject manifest)
    {
        try
        {
            _store.Create(type, @namespace, manifest);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
            // Seeding leaves existing objects alone.
        }
        catch (ApiException e)
        {
            throw new ArgumentException($"Cannot seed {type.Kind} {@namespace}/{manifest.Name()}: {e.Message}", "workloads", e);
        }
    }

    private void RaiseChanged(StoreEvent e)
    {
        var handler = Changed;
        if (handler is null)
        {
            return;
        }

        var change = new SandboxChange(e.Resource.Kind, e.Facts.Namespace, e.Facts.Name, e.Type, e.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            handler(change);
        }
        catch (Exception ex)
        {
            Log.ChangedHandlerFailed(_logger, ex);
        }
    }
}
