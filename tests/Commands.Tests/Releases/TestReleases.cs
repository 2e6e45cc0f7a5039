using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

/// <summary>Releases of checkout v1.0.0 → v2.0.0 in a known shape.</summary>
internal static class TestReleases
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly ConversationRef Conversation = new("slack", "C-releases", "T-1");

    public static Release Start(int stableReplicas = 4) =>
        Release.Start(
            new NewRelease("checkout", "test-cluster", "shop", "v1.0.0", "v2.0.0",
                "registry:5000/shop/checkout:v1.0.0", "registry:5000/shop/checkout:v2.0.0", stableReplicas,
                "alice (slack:U1)", Conversation),
            Now);

    /// <summary>A release in <paramref name="state"/>, with the canary asked to take <paramref name="requestedWeight"/>.</summary>
    public static Release In(ReleaseState state, int requestedWeight = 0)
    {
        var release = Start();
        release.State = state;
        release.RequestedWeight = requestedWeight;
        return release;
    }
}
