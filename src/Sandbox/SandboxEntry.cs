namespace ChatOpsRelease.Sandbox;

/// <summary>The kind of entry object a <see cref="SandboxEntry"/> seeds.</summary>
public enum SandboxEntryKind
{
    /// <summary>A <c>networking.k8s.io/v1</c> Ingress.</summary>
    Ingress,

    /// <summary>A <c>gateway.networking.k8s.io/v1</c> HTTPRoute.</summary>
    HttpRoute,
}

/// <summary>
/// The object that lets traffic into a seeded workload: an Ingress or an HTTPRoute named like the Deployment, sending
/// every path of <see cref="Host"/> to the workload's Service on port 80.
/// </summary>
public sealed record SandboxEntry
{
    private SandboxEntry(SandboxEntryKind kind, string host, string? ingressClass, string? gateway)
    {
        Kind = kind;
        Host = host;
        IngressClass = ingressClass;
        Gateway = gateway;
    }

    public SandboxEntryKind Kind { get; }

    /// <summary>The host name requests arrive for.</summary>
    public string Host { get; }

    /// <summary>For an Ingress: its <c>spec.ingressClassName</c>, or null for none.</summary>
    public string? IngressClass { get; }

    /// <summary>For an HTTPRoute: the name of the Gateway (in the route's namespace) it attaches to.</summary>
    public string? Gateway { get; }

    /// <summary>An Ingress with one rule: <paramref name="host"/>, path <c>/</c> (Prefix) to the Service's port 80.</summary>
    public static SandboxEntry Ingress(string host, string? ingressClass = "nginx")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        return new SandboxEntry(SandboxEntryKind.Ingress, host, ingressClass, null);
    }

    /// <summary>
    /// An HTTPRoute attached to <paramref name="gateway"/> for <paramref name="host"/>, with one rule: path prefix
    /// <c>/</c> to the Service's port 80.
    /// </summary>
    public static SandboxEntry HttpRoute(string host, string gateway = "public")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(gateway);
        return new SandboxEntry(SandboxEntryKind.HttpRoute, host, null, gateway);
    }
}
