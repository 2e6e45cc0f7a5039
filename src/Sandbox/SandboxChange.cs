namespace ChatOpsRelease.Sandbox;

/// <summary>One stored write in the sandbox.</summary>
/// <param name="Kind">Object kind, e.g. "Deployment", "Pod", "Service", "Ingress", "HTTPRoute".</param>
/// <param name="Namespace">Namespace ("" for cluster-scoped objects).</param>
/// <param name="Name">Object name.</param>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="ResourceVersion">The resourceVersion the write produced.</param>
public sealed record SandboxChange(string Kind, string Namespace, string Name, string Type, string ResourceVersion);
