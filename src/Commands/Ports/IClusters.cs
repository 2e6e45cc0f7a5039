using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>One cluster the bot releases to: its name, its traffic routers, its workloads and the apps' feature flags.</summary>
public sealed record ClusterTools(string Name, RouterSet Routers, IWorkloads Workloads, IFlagMaps Flags);

/// <summary>
/// The clusters the bot can release to, by name. One is the main cluster (where a release starts when its app lists
/// no waves); apps that list waves go through their clusters in order. Each cluster has its own routers and workloads,
/// talking only to that cluster.
/// </summary>
public interface IClusters
{
    /// <summary>The main cluster's name.</summary>
    string Default { get; }

    /// <summary>Every cluster's name, the main one first.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The cluster called <paramref name="name"/> (names ignore case), or null when there is none.</summary>
    ClusterTools? Find(string name);
}
