using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Finds the container whose image a release changes, and names Kubernetes objects for people.</summary>
internal static class Containers
{
    public const string TrackLabel = "track";

    public static V1Container Find(AppSpec app, V1Deployment deployment)
    {
        var containers = deployment.Spec?.Template?.Spec?.Containers ?? [];
        var container = app.Container is null
            ? containers.FirstOrDefault()
            : containers.FirstOrDefault(c => c.Name == app.Container);
        return container ?? throw new ClusterException(app.Container is null
            ? $"Deployment {Describe(deployment)} has no containers."
            : $"Deployment {Describe(deployment)} has no container named `{app.Container}` (see Apps:{app.Name}:Container).");
    }

    public static string Describe(V1Deployment deployment) => $"{deployment.Metadata?.NamespaceProperty}/{deployment.Metadata?.Name}";

    public static string Object(string @namespace, string name) => $"Deployment {@namespace}/{name}";
}
