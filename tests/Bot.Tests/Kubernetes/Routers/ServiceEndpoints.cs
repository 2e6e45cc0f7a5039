using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Sandbox;
using k8s;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

/// <summary>A ready pod a Service selects: its name, the Deployment that owns it (its colour) and its image.</summary>
internal sealed record Endpoint(string Pod, string Deployment, string Image);

/// <summary>
/// A Service's endpoints in the sandbox, computed as Kubernetes does: the ready pods whose labels match the Service's
/// selector. <see cref="Watch"/> samples the live Service's endpoints after every write the sandbox makes.
/// </summary>
internal static class ServiceEndpoints
{
    public static async Task<List<Endpoint>> OfAsync(SandboxFixture cluster, string @namespace, string service)
    {
        var selector = Selector(cluster.Sandbox.GetObject("Service", @namespace, service));
        return selector is null ? [] : Select(selector, await PodsAsync(cluster, @namespace));
    }

    /// <summary>Waits (a bounded number of looks) until the app's stable Deployment has all its pods ready behind its Service.</summary>
    public static async Task SettledAsync(SandboxFixture cluster, AppSpec app, int pods)
    {
        for (var look = 0; look < 500; look++)
        {
            var endpoints = await OfAsync(cluster, app.Namespace, app.Service);
            if (endpoints.Count == pods && endpoints.All(e => e.Deployment == app.Deployment))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"the Service {app.Namespace}/{app.Service} never had {pods} ready pods.");
    }

    public static Dictionary<string, string>? Selector(JsonObject? service) =>
        service?["spec"]?["selector"] is JsonObject selector ? selector.ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? string.Empty) : null;

    public static List<Endpoint> Select(Dictionary<string, string> selector, IEnumerable<JsonObject> pods) =>
        [.. pods.Where(p => IsReady(p) && selector.All(s => (string?)p["metadata"]?["labels"]?[s.Key] == s.Value)).Select(Describe).OrderBy(e => e.Pod, StringComparer.Ordinal)];

    private static async Task<List<JsonObject>> PodsAsync(SandboxFixture cluster, string @namespace)
    {
        using var client = new k8s.Kubernetes(cluster.Config);
        var names = (await client.CoreV1.ListNamespacedPodAsync(@namespace)).Items.Select(p => p.Metadata.Name);
        return [.. names.Select(n => cluster.Sandbox.GetObject("Pod", @namespace, n)).OfType<JsonObject>()];
    }

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c?["type"] == "Ready" && (string?)c["status"] == "True");

    private static Endpoint Describe(JsonObject pod) => new(
        (string)pod["metadata"]!["name"]!,
        (string?)pod["metadata"]?["ownerReferences"]?[0]?["name"] ?? string.Empty,
        (string?)pod["spec"]?["containers"]?[0]?["image"] ?? string.Empty);

    /// <summary>
    /// Subscribes to the sandbox's writes and, after each, records the live Service's endpoints (a sample of every state
    /// the Service and the pods pass through), and the pods the simulator started.
    /// </summary>
    public sealed class Watch : IDisposable
    {
        private readonly SandboxFixture _cluster;
        private readonly AppSpec _app;
        private readonly Lock _gate = new();
        private readonly Dictionary<string, JsonObject> _pods = [];
        private readonly List<List<Endpoint>> _samples = [];
        private readonly List<string> _started = [];

        private Watch(SandboxFixture cluster, AppSpec app)
        {
            _cluster = cluster;
            _app = app;
        }

        public static async Task<Watch> StartAsync(SandboxFixture cluster, AppSpec app)
        {
            var watch = new Watch(cluster, app);
            cluster.Sandbox.Changed += watch.OnChanged;
            var pods = await PodsAsync(cluster, app.Namespace);
            lock (watch._gate)
            {
                foreach (var pod in pods)
                {
                    watch._pods.TryAdd((string)pod["metadata"]!["name"]!, pod);
                }

                watch._samples.Clear();
                watch.Sample();
            }

            return watch;
        }

        /// <summary>The live Service's endpoints after each write, in order.</summary>
        public IReadOnlyList<List<Endpoint>> Samples
        {
            get
            {
                lock (_gate)
                {
                    return [.. _samples];
                }
            }
        }

        /// <summary>The pods created while the watch ran, by owning Deployment.</summary>
        public IReadOnlyList<string> Started
        {
            get
            {
                lock (_gate)
                {
                    return [.. _started];
                }
            }
        }

        /// <summary>Asserts that writes were sampled and that every sample <paramref name="holds"/>.</summary>
        public void AssertEach(Func<List<Endpoint>, bool> holds)
        {
            var samples = Samples;
            Xunit.Assert.True(samples.Count > 1, "no write to the live Service or the pods was sampled");
            Xunit.Assert.All(samples, sample => Xunit.Assert.True(holds(sample), $"live endpoints: [{string.Join(", ", sample.Select(e => $"{e.Pod} {e.Image}"))}]"));
        }

        public void Dispose() => _cluster.Sandbox.Changed -= OnChanged;

        private void OnChanged(SandboxChange change)
        {
            if (change.Namespace != _app.Namespace || change.Kind is not ("Pod" or "Service"))
            {
                return;
            }

            if (change.Kind == "Pod")
            {
                Refresh(change.Name, change.Type == "ADDED");
            }
            else if (change.Name == _app.Service)
            {
                Sample();
            }
        }

        private void Refresh(string pod, bool added = false)
        {
            lock (_gate)
            {
                if (_cluster.Sandbox.GetObject("Pod", _app.Namespace, pod) is { } current)
                {
                    _pods[pod] = current;
                    if (added)
                    {
                        _started.Add(Describe(current).Deployment);
                    }
                }
                else
                {
                    _pods.Remove(pod);
                }

                Sample();
            }
        }

        private void Sample()
        {
            lock (_gate)
            {
                if (Selector(_cluster.Sandbox.GetObject("Service", _app.Namespace, _app.Service)) is { } selector)
                {
                    _samples.Add(Select(selector, _pods.Values));
                }
            }
        }
    }
}
