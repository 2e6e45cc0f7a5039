namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// An app as the traffic simulation sees it at one moment: its ready pods per side and version, and how its router
/// splits requests between the sides.
/// </summary>
/// <param name="Namespace">The app's namespace.</param>
/// <param name="App">The value of its pods' <c>app</c> label.</param>
/// <param name="Stable">Ready pods without <c>track: canary</c>, by version.</param>
/// <param name="Canary">Ready pods with <c>track: canary</c>, by version.</param>
/// <param name="Split">How requests are divided between the sides.</param>
internal sealed record AppTraffic(string Namespace, string App, IReadOnlyList<Backend> Stable, IReadOnlyList<Backend> Canary, TrafficSplit Split)
{
    public const string StableTrack = "stable";
    public const string CanaryTrack = "canary";
}

/// <summary>Ready pods (their uids) of one version on one side.</summary>
internal sealed record Backend(string Version, IReadOnlyList<string> Pods)
{
    public int ReadyPods => Pods.Count;
}

/// <summary>
/// A router's split: the share (0–1) of ordinary requests sent to the canary, and whether a user rule sends the
/// testers' requests there too. <paramref name="Router"/> names what decided it: <c>nginx</c> (a canary Ingress),
/// <c>gateway</c> (an HTTPRoute with canary backends) or <c>replicas</c> (the ready pod ratio).
/// </summary>
internal sealed record TrafficSplit(string Router, double CanaryShare, bool UserRule);
