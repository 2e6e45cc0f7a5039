using ChatOpsRelease.Sandbox;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>Simulated traffic fast enough for <c>compare</c> to have thousands of requests a side within a second.</summary>
internal static class BusyTraffic
{
    /// <summary>1,000 requests every 50 ms tick: a few hundred milliseconds of a 50 % canary give both sides thousands.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Sandbox:Traffic:Tick"] = "00:00:00.050",
        ["Sandbox:Traffic:RequestsPerSecond"] = "20000",
    };

    /// <summary>Whether both tracks of shop/checkout have had <paramref name="requests"/> requests in the last minute.</summary>
    public static bool BothTracksHave(SandboxCluster? sandbox, long requests = 2000)
    {
        var now = DateTimeOffset.UtcNow;
        var buckets = sandbox?.Traffic.Query("shop", "checkout", now.AddMinutes(-1), now.AddSeconds(1), TimeSpan.FromMinutes(2)) ?? [];
        return buckets.Where(b => b.Track == "canary").Sum(b => b.Requests) >= requests
            && buckets.Where(b => b.Track == "stable").Sum(b => b.Requests) >= requests;
    }

    /// <summary>Waits (at most 30 s) until <see cref="BothTracksHave"/>.</summary>
    public static async Task WaitForBothTracksAsync(SandboxCluster sandbox)
    {
        for (var i = 0; i < 600 && !BothTracksHave(sandbox); i++)
        {
            await Task.Delay(50);
        }

        if (!BothTracksHave(sandbox))
        {
            throw new TimeoutException("The sandbox never gave both tracks of checkout 2,000 requests.");
        }
    }
}
