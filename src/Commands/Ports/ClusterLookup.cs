using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>Finding the routers and workloads of the cluster a release (or one of its steps) works in.</summary>
public static class ClusterLookup
{
    /// <summary>The cluster called <paramref name="name"/>; a cluster dropped from configuration is a sentence, not a crash.</summary>
    public static ClusterTools Tools(this IClusters clusters, string name)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return clusters.Find(name)
            ?? throw new ClusterException($"the cluster `{name}` is not configured any more (clusters: {string.Join(", ", clusters.Names)}).");
    }

    /// <summary>The app's router in the release's current cluster.</summary>
    public static ITrafficRouter RouterFor(this IClusters clusters, AppSpec app, Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return clusters.Tools(release.Cluster).Routers.For(app);
    }
}
