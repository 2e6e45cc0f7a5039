using ChatOpsRelease.Bot.Kubernetes.Routers;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>One kind of request to the Kubernetes API, named as RBAC names it (the core group is <c>""</c>).</summary>
internal sealed record ClusterPermission(string ApiGroup, string Resource, string Verb);

/// <summary>
/// What the bot asks of the Kubernetes API: every (group, resource, verb) its workloads, routers and flag maps call, all in the
/// apps' namespaces — none is cluster-scoped. The Role in manifests/bot grants exactly these; tests check the list
/// against the requests of recorded releases on every router, and the rendered Role against the list.
/// </summary>
internal static class ClusterPermissions
{
    public static readonly IReadOnlyList<ClusterPermission> Used =
    [
        // DeploymentReads, DeploymentWriter, RolloutWaiter: the stable and the canary Deployment.
        new("apps", "deployments", "get"),
        new("apps", "deployments", "create"),
        new("apps", "deployments", "update"),
        new("apps", "deployments", "delete"),

        // CanaryServices (the canary Service) and StableServicePin (the stable Service's track selector).
        new("", "services", "get"),
        new("", "services", "create"),
        new("", "services", "update"),
        new("", "services", "delete"),

        // NginxCanaryIngress: reads the stable Ingress; makes, changes and removes the canary one.
        new("networking.k8s.io", "ingresses", "get"),
        new("networking.k8s.io", "ingresses", "create"),
        new("networking.k8s.io", "ingresses", "update"),
        new("networking.k8s.io", "ingresses", "delete"),

        // KubernetesFlagMaps: the app's flag ConfigMap, read, made when missing and replaced.
        new("", "configmaps", "get"),
        new("", "configmaps", "create"),
        new("", "configmaps", "update"),

        // PodRestarts: the pods of a release's sides, for the restarts gate metric.
        new("", "pods", "list"),

        // GatewayRoutes: the app's HTTPRoute, read and replaced.
        new(GatewayRoutes.Group, GatewayRoutes.Plural, "get"),
        new(GatewayRoutes.Group, GatewayRoutes.Plural, "update"),
    ];
}
