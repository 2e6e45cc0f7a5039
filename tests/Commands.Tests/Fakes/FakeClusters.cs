using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Named clusters, each with its own fake workloads and router; the first added is the main one.</summary>
internal sealed class FakeClusters : IClusters
{
    private readonly List<ClusterTools> _clusters = [];

    public string Default => _clusters[0].Name;

    public IReadOnlyList<string> Names => _clusters.Select(c => c.Name).ToList();

    public ClusterTools? Find(string name) => _clusters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public void Add(string name, FakeWorkloads workloads, FakeTrafficRouter router) =>
        _clusters.Add(new ClusterTools(name, new RouterSet([router]), workloads, new FakeFlagMaps()));

    public FakeWorkloads Workloads(string name) => (FakeWorkloads)Find(name)!.Workloads;

    public FakeFlagMaps FlagMaps(string name) => (FakeFlagMaps)Find(name)!.Flags;

    public FakeTrafficRouter Router(string name) => (FakeTrafficRouter)Find(name)!.Routers.All.Single();
}
