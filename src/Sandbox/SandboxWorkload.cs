namespace ChatOpsRelease.Sandbox;

/// <summary>A Deployment (and its Service, and optionally an entry object) to seed into the sandbox.</summary>
/// <param name="Namespace">Namespace of all the objects.</param>
/// <param name="Name">Deployment name, also its <c>app</c> label and container name.</param>
/// <param name="Replicas">Desired replicas.</param>
/// <param name="Image">Container image.</param>
/// <param name="ServiceName">Service name; defaults to <paramref name="Name"/>.</param>
/// <param name="Port">Container port the Service's port 80 targets.</param>
public sealed record SandboxWorkload(string Namespace, string Name, int Replicas, string Image, string? ServiceName = null, int Port = 8080)
{
    /// <summary>An Ingress or HTTPRoute, named like the Deployment, to create with it; null for none.</summary>
    public SandboxEntry? Entry { get; init; }
}
