using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// Builds the canary Deployment from the stable one: the same pod spec with the new image, the stable pods'
/// labels plus <c>track: canary</c> (so the app's Service sends it traffic), and its own selector.
/// </summary>
internal static class CanaryManifest
{
    public const string CanaryOfAnnotation = "chatopsrelease.io/canary-of";

    public static V1Deployment Build(AppSpec app, V1Deployment stable, string image, int replicas)
    {
        var canary = KubernetesJson.Deserialize<V1Deployment>(KubernetesJson.Serialize(stable));
        canary.Status = null;
        canary.Metadata = new V1ObjectMeta
        {
            Name = app.CanaryDeployment,
            NamespaceProperty = app.Namespace,
            Labels = WithTrack(stable.Metadata?.Labels, "canary"),
            Annotations = new Dictionary<string, string> { [CanaryOfAnnotation] = app.Deployment },
        };
        canary.Spec.Replicas = replicas;
        canary.Spec.Selector = new V1LabelSelector
        {
            MatchLabels = WithTrack(stable.Spec.Selector?.MatchLabels, "canary"),
            MatchExpressions = stable.Spec.Selector?.MatchExpressions,
        };
        canary.Spec.Template.Metadata ??= new V1ObjectMeta();
        canary.Spec.Template.Metadata.Labels = WithTrack(stable.Spec.Template.Metadata?.Labels, "canary");
        Containers.Find(app, canary).Image = image;
        return canary;
    }

    public static Dictionary<string, string> WithTrack(IDictionary<string, string>? labels, string track) =>
        new(labels ?? new Dictionary<string, string>()) { [Containers.TrackLabel] = track };
}
