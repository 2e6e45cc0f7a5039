namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// The simulated CPU and memory of the pods' containers. Every tick each ready pod's containers use
/// <see cref="SandboxTrafficOptions.CpuBaseCores"/> for the tick's length, its first container also
/// <see cref="SandboxTrafficOptions.CpuSecondsPerRequest"/> per request the pod served, each times its version's
/// resource profile; pods that are not ready (starting, or down after a crash) use none. The CPU counters are kept per
/// pod for as long as the pod lives, so they never go down, even across a container's restart (where a real kubelet
/// starts the restarted container's counter afresh). Memory is a constant per container and version.
/// </summary>
internal sealed class PodUsage(SandboxTrafficOptions options)
{
    private readonly Lock _gate = new();
    private readonly SandboxResourceProfile[] _profiles = [.. options.ResourceProfiles];
    private readonly Dictionary<string, double[]> _cpuSeconds = [];

    /// <summary>Adds to <paramref name="served"/> (requests by pod uid) one tick of an app: each side's requests spread evenly over its ready pods.</summary>
    public static void Spread(AppTraffic app, IEnumerable<SideTick> sides, Dictionary<string, double> served)
    {
        foreach (var side in sides)
        {
            var backends = side.Track == AppTraffic.CanaryTrack ? app.Canary : app.Stable;
            if (backends.FirstOrDefault(b => b.Version == side.Version) is not { ReadyPods: > 0 } backend)
            {
                continue;
            }

            foreach (var uid in backend.Pods)
            {
                served[uid] = served.GetValueOrDefault(uid) + (double)side.Requests / backend.ReadyPods;
            }
        }
    }

    /// <summary>Adds one tick of <paramref name="length"/> to the ready pods' CPU counters and forgets pods no longer there.</summary>
    public void Advance(IReadOnlyList<PodView> pods, IReadOnlyDictionary<string, double> served, TimeSpan length)
    {
        lock (_gate)
        {
            var present = pods.Select(p => p.Uid).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _cpuSeconds.Keys.Where(uid => !present.Contains(uid)).ToList())
            {
                _cpuSeconds.Remove(gone);
            }

            foreach (var pod in pods.Where(p => p.Ready))
            {
                if (!_cpuSeconds.TryGetValue(pod.Uid, out var seconds) || seconds.Length != pod.Containers.Count)
                {
                    _cpuSeconds[pod.Uid] = seconds = new double[pod.Containers.Count];
                }

                for (var i = 0; i < seconds.Length; i++)
                {
                    var used = options.CpuBaseCores * length.TotalSeconds + (i == 0 ? options.CpuSecondsPerRequest * served.GetValueOrDefault(pod.Uid) : 0);
                    seconds[i] += used * Factors(pod.Containers[i].Version).Cpu;
                }
            }
        }
    }

    /// <summary>The CPU seconds a pod's containers used so far (zeros for a pod that never ran).</summary>
    public double[] CpuSeconds(PodView pod)
    {
        lock (_gate)
        {
            return _cpuSeconds.TryGetValue(pod.Uid, out var seconds) && seconds.Length == pod.Containers.Count
                ? (double[])seconds.Clone()
                : new double[pod.Containers.Count];
        }
    }

    /// <summary>The working-set bytes of a container of this version.</summary>
    public long MemoryBytes(string version) => (long)Math.Round(options.MemoryBytes * Factors(version).Memory);

    /// <summary>The CPU and memory factors of a version: the first matching resource profile's, else 1.</summary>
    private (double Cpu, double Memory) Factors(string version)
    {
        foreach (var profile in _profiles)
        {
            if (version.Contains(profile.VersionContains, StringComparison.OrdinalIgnoreCase))
            {
                return (profile.CpuFactor, profile.MemoryFactor);
            }
        }

        return (1, 1);
    }
}
