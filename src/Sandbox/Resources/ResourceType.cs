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
}

/// <summary>The resource kinds the sandbox knows.</summary>
internal static class ResourceTypes
{
    private static readonly string[] ReadWrite = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static readonly ResourceType Deployment = new(
        "Deployment", "deployments", "deployment", "apps", "v1", true, ["deploy"], ReadWrite);

    public static readonly ResourceType Service = new(
        "Service", "services", "service", "", "v1", true, ["svc"], ReadWrite);

    public static readonly ResourceType Pod = new(
        "Pod", "pods", "pod", "", "v1", true, ["po"], ReadWrite);

    public static readonly ResourceType Namespace = new(
        "Namespace", "namespaces", "namespace", "", "v1", false, ["ns"], ["create", "get", "list", "watch"]);

    public static IReadOnlyList<ResourceType> All { get; } = [Namespace, Pod, Service, Deployment];

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
