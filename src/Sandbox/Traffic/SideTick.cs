namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// What one side (track and version) of an app served during one tick: requests, errors, and their latencies both as
/// Prometheus histogram buckets and as a fine sketch for quantiles. A side whose pods were ready is recorded even when
/// no request reached it.
/// </summary>
internal sealed class SideTick(string track, string version)
{
    /// <summary>The <c>le</c> bounds of <c>http_request_duration_seconds</c>, in seconds (+Inf is implied).</summary>
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public string Track { get; } = track;

    public string Version { get; } = version;

    public long Requests { get; private set; }

    public long Errors { get; private set; }

    public double LatencySum { get; private set; }

    /// <summary>Requests per <see cref="Bounds"/> bucket (not cumulative); the last entry counts those above 10 s.</summary>
    public long[] BucketCounts { get; } = new long[Bounds.Length + 1];

    public LatencySketch Latencies { get; } = new();

    public void Add(bool error, double seconds)
    {
        Requests++;
        if (error)
        {
            Errors++;
        }

        LatencySum += seconds;
        var bucket = 0;
        while (bucket < Bounds.Length && seconds > Bounds[bucket])
        {
            bucket++;
        }

        BucketCounts[bucket]++;
        Latencies.Add(seconds);
    }
}
