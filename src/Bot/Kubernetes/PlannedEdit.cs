using ChatOpsRelease.Commands.Ports;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

internal enum EditKind
{
    Update,
    Create,
    Delete,
}

/// <summary>
/// One change to one Deployment, as planned: what a dry run shows (<see cref="Change"/>) and how to make it.
/// <see cref="Shrinks"/> edits take capacity away and run only after the growing ones serve.
/// </summary>
internal sealed record PlannedEdit(
    string Deployment,
    EditKind Kind,
    bool Shrinks,
    ClusterChange Change,
    Action<V1Deployment>? Mutate = null,
    V1Deployment? Manifest = null);
