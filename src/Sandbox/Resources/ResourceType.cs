namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>Describes one resource kind that the sandbox API serves.</summary>
internal sealed record ResourceType(
    string Kind,
    string Plural,
    string Singular,
    string Group,
    string Version,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Verbs)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>The resource as named in error messages, e.g. <c>deployments.apps</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The kind as named in validation messages, e.g. <c>Deployment.apps</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>The categories discovery lists (those that <c>kubectl get all</c> and the like expand).</summary>
    public IReadOnlyList<string> Categories { get; init; } = ["all"];

    /// <summary>True when the resource has a <c>status</c> subresource.</summary>
    public bool HasStatus { get; init; }

    /// <summary>
    /// True for a custom resource (served as if by a CustomResourceDefinition): kind and apiVersion are required in
    /// bodies, strategic merge patch is refused and server-side apply merges lists atomically.
    /// </summary>
    public bool Custom { get; init; }

    /// <summary>True when a delete answers with the deleted object rather than a Success Status.</summary>
    public bool DeleteReturnsObject { get; init; }
}

/// <summary>The resource kinds the sandbox knows.</summary>
internal static class ResourceTypes
{
    private static readonly string[] ReadWrite = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static readonly ResourceType Deployment = new(
        "Deployment", "deployments", "deployment", "apps", "v1", true, ["deploy"], ReadWrite) { HasStatus = true };

    public static readonly ResourceType Service = new(
        "Service", "services", "service", "", "v1", true, ["svc"], ReadWrite) { DeleteReturnsObject = true };

    public static readonly ResourceType Pod = new(
        "Pod", "pods", "pod", "", "v1", true, ["po"], ReadWrite) { HasStatus = true, DeleteReturnsObject = true };

    public static readonly ResourceType Namespace = new(
        "Namespace", "namespaces", "namespace", "", "v1", false, ["ns"], ["create", "get", "list", "watch"])
    {
        Categories = [],
        DeleteReturnsObject = true,
    };

    /// <summary>A ConfigMap: data only (no spec or status), and not in the <c>all</c> category, as in Kubernetes.</summary>
    public static readonly ResourceType ConfigMap = new(
        "ConfigMap", "configmaps", "configmap", "", "v1", true, ["cm"], ReadWrite) { Categories = [] };

    public static readonly ResourceType Ingress = new(
        "Ingress", "ingresses", "ingress", "networking.k8s.io", "v1", true, ["ing"], ReadWrite) { Categories = [], HasStatus = true };

    /// <summary>The Gateway API's HTTPRoute, a custom resource (standard channel CRD).</summary>
    public static readonly ResourceType HttpRoute = new(
        "HTTPRoute", "httproutes", "httproute", "gateway.networking.k8s.io", "v1", true, [], ReadWrite)
    {
        Categories = ["gateway-api"],
        HasStatus = true,
        Custom = true,
    };

    public static IReadOnlyList<ResourceType> All { get; } = [Namespace, ConfigMap, Pod, Service, Deployment, Ingress, HttpRoute];

    /// <summary>The named API groups served under <c>/apis</c>, each with its one version, in discovery order.</summary>
    public static IReadOnlyList<(string Group, string Version)> Groups { get; } =
        [.. All.Where(t => t.Group.Length > 0).Select(t => (t.Group, t.Version)).Distinct()];

    /// <summary>Finds a type by API group and plural resource name.</summary>
    public static ResourceType? ByPlural(string group, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Plural == plural);

    /// <summary>Finds a type by kind, plural, singular or short name (case-insensitive).</summary>
    public static ResourceType? ByName(string name) =>
        All.FirstOrDefault(t =>
            string.Equals(t.Kind, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.Plural, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.Singular, name, StringComparison.OrdinalIgnoreCase)
            || t.ShortNames.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>The types served under one group/version, e.g. "" + "v1" or "apps" + "v1".</summary>
    public static IEnumerable<ResourceType> InGroupVersion(string group, string version) =>
        All.Where(t => t.Group == group && t.Version == version);
}
