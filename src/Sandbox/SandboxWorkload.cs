namespace ChatOpsRelease.Sandbox;

/// <summary>A Deployment (and its Service) to seed into the sandbox.</summary>
/// <param name="Namespace">Namespace of both objects.</param>
/// <param name="Name">Deployment name, also its <c>app</c> label and container name.</param>
/// <param name="Replicas">Desired replicas.</param>
/// <param name="Image">Container image.</param>
/// <param name="ServiceName">Service name; defaults to <paramref name="Name"/>.</param>
/// <param name="Port">Container port the Service's port 80 targets.</param>
public sealed record SandboxWorkload(string Namespace, string Name, int Replicas, string Image, string? ServiceName = null, int Port = 8080);
