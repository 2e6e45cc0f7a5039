namespace ChatOpsRelease.Commands.Releases;

/// <summary>How a release moves users to the new version.</summary>
public enum ReleaseStrategy
{
    /// <summary>A canary takes a growing share of traffic beside the stable version.</summary>
    Canary,

    /// <summary>The new version runs at full size as a second colour, previewed by testers, then takes all traffic at once.</summary>
    BlueGreen,
}

/// <summary>An app's blue-green settings (<c>Apps:&lt;app&gt;:BlueGreen</c>).</summary>
/// <param name="KeepOld">How long the old colour stays up after the switch, for an instant switch back (<c>switch … keep old for</c> overrides it).</param>
/// <param name="OldReplicas">How many pods the old colour keeps after the switch; null keeps all of them (a switch back then starts no pod).</param>
/// <param name="SwitchApproval">Whether <c>switch</c> needs an approval request decided first.</param>
/// <param name="PreviewRule">The header that sends a tester's requests to the preview colour, for routers that can match requests (nginx, gateway).</param>
public sealed record BlueGreenSettings(TimeSpan KeepOld, int? OldReplicas, bool SwitchApproval, RouteRule PreviewRule)
{
    public static readonly BlueGreenSettings Default = new(
        TimeSpan.FromMinutes(30), null, false, new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Preview", Value = "true" });

    /// <summary>The old colour's pods after the switch, for a release of <paramref name="replicas"/> pods.</summary>
    public int OldPods(int replicas) => Math.Clamp(OldReplicas ?? replicas, 0, replicas);
}
