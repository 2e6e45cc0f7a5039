using ChatOpsRelease.Sandbox;
using k8s;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>One cluster the bot is connected to: what it is, how to make a client for it, and its sandbox when simulated.</summary>
internal sealed record ConnectedCluster(ClusterInfo Info, KubernetesClientConfiguration Config, SandboxCluster? Sandbox);
