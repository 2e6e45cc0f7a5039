using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Works out, field by field, how to bring an app's Deployments from what they are to a target.</summary>
internal static class WorkloadPlanner
{
    public static IReadOnlyList<PlannedEdit> Plan(AppSpec app, V1Deployment stable, V1Deployment? canary, WorkloadTarget target)
    {
        var edits = new List<PlannedEdit>();
        PlanStable(app, stable, target, edits);
        PlanCanary(app, stable, canary, target, edits);
        return edits;
    }

    private static void PlanStable(AppSpec app, V1Deployment stable, WorkloadTarget target, List<PlannedEdit> edits)
    {
        var name = app.Deployment;
        var where = Containers.Object(app.Namespace, name);
        var track = stable.Spec.Template.Metadata?.Labels?.TryGetValue(Containers.TrackLabel, out var t) == true ? t : null;
        if (track != "stable")
        {
            edits.Add(new(name, EditKind.Update, false, new ClusterChange(where, "spec.template.metadata.labels.track", track, "stable"),
                d => d.Spec.Template.Metadata.Labels = CanaryManifest.WithTrack(d.Spec.Template.Metadata?.Labels, "stable")));
        }

        var container = Containers.Find(app, stable);
        if (container.Image != target.StableImage)
        {
            edits.Add(new(name, EditKind.Update, false, new ClusterChange(where, $"container {container.Name} image", container.Image, target.StableImage),
                d => Containers.Find(app, d).Image = target.StableImage));
        }

        var replicas = stable.Spec.Replicas ?? 1;
        if (replicas != target.StableReplicas)
        {
            edits.Add(new(name, EditKind.Update, target.StableReplicas < replicas,
                new ClusterChange(where, "spec.replicas", replicas.ToString(), target.StableReplicas.ToString()),
                d => d.Spec.Replicas = target.StableReplicas));
        }
    }

    private static void PlanCanary(AppSpec app, V1Deployment stable, V1Deployment? canary, WorkloadTarget target, List<PlannedEdit> edits)
    {
        var name = app.CanaryDeployment;
        var where = Containers.Object(app.Namespace, name);
        if (target.CanaryImage is null)
        {
            if (canary is not null)
            {
                edits.Add(new(name, EditKind.Delete, true,
                    new ClusterChange(where, "(object)", $"{Containers.Find(app, canary).Image}, {canary.Spec.Replicas ?? 1} replicas", null)));
            }

            return;
        }

        if (canary is null)
        {
            var manifest = CanaryManifest.Build(app, stable, target.CanaryImage, target.CanaryReplicas);
            edits.Add(new(name, EditKind.Create, false,
                new ClusterChange(where, "(object)", null, $"image {target.CanaryImage}, {target.CanaryReplicas} replicas, pods labelled track=canary"),
                Manifest: manifest));
            return;
        }

        var container = Containers.Find(app, canary);
        if (container.Image != target.CanaryImage)
        {
            edits.Add(new(name, EditKind.Update, false, new ClusterChange(where, $"container {container.Name} image", container.Image, target.CanaryImage),
                d => Containers.Find(app, d).Image = target.CanaryImage));
        }

        var replicas = canary.Spec.Replicas ?? 1;
        if (replicas != target.CanaryReplicas)
        {
            edits.Add(new(name, EditKind.Update, target.CanaryReplicas < replicas,
                new ClusterChange(where, "spec.replicas", replicas.ToString(), target.CanaryReplicas.ToString()),
                d => d.Spec.Replicas = target.CanaryReplicas));
        }
    }
}
