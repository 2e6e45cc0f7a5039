namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// Draws one tick of an app's requests. The count is exact: requests-per-second times the tick's length, the
/// fraction carried to the next tick. Each request is then drawn on its own, in a fixed order, from one seeded
/// generator: tester or not (only while a user rule exists), canary or stable (testers go to the canary, the others
/// with the split's share), which version on that side (in proportion to its ready pods), error or not (the version's
/// error rate) and its latency (lognormal around the version's median). A side without ready pods sends its requests
/// to the other; an app without any ready pod gets none.
/// </summary>
internal sealed class TrafficGenerator(SandboxTrafficOptions options)
{
    private readonly Random _random = new(options.Seed);
    private readonly Dictionary<(string Namespace, string App), double> _carry = [];
    private readonly SandboxTrafficProfile[] _profiles = [.. options.Profiles];

    public List<SideTick> Run(AppTraffic app, TimeSpan length)
    {
        var stable = app.Stable.Select(b => (Backend: b, Tick: new SideTick(AppTraffic.StableTrack, b.Version))).ToList();
        var canary = app.Canary.Select(b => (Backend: b, Tick: new SideTick(AppTraffic.CanaryTrack, b.Version))).ToList();
        var key = (app.Namespace, app.App);
        if (stable.Count == 0 && canary.Count == 0)
        {
            _carry.Remove(key);
            return [];
        }

        var due = options.RequestsPerSecond * length.TotalSeconds + _carry.GetValueOrDefault(key);
        var requests = (long)Math.Floor(due);
        _carry[key] = due - requests;
        for (long i = 0; i < requests; i++)
        {
            var tester = app.Split.UserRule && _random.NextDouble() < options.TesterShare;
            var toCanary = canary.Count > 0 && (stable.Count == 0 || tester || _random.NextDouble() < app.Split.CanaryShare);
            var side = Pick(toCanary ? canary : stable);
            var (errorRate, median) = ProfileOf(side.Version);
            var error = _random.NextDouble() < errorRate;
            side.Add(error, median * Math.Exp(options.LatencySpread * Normal()));
        }

        var ticks = stable.Concat(canary).Select(s => s.Tick).ToList();
        ticks.ForEach(t => t.Latencies.Freeze());
        return ticks;
    }

    /// <summary>Forgets the carried fractions of apps no longer present.</summary>
    public void Retain(IEnumerable<AppTraffic> apps)
    {
        var present = apps.Select(a => (a.Namespace, a.App)).ToHashSet();
        foreach (var gone in _carry.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _carry.Remove(gone);
        }
    }

    /// <summary>The error rate and median latency of a version: the first matching profile's, else the defaults.</summary>
    public (double ErrorRate, double Median) ProfileOf(string version)
    {
        foreach (var profile in _profiles)
        {
            if (version.Contains(profile.VersionContains, StringComparison.OrdinalIgnoreCase))
            {
                return (profile.ErrorRate, profile.LatencyMedianSeconds);
            }
        }

        return (options.ErrorRate, options.LatencyMedianSeconds);
    }

    private SideTick Pick(List<(Backend Backend, SideTick Tick)> side)
    {
        if (side.Count == 1)
        {
            return side[0].Tick;
        }

        var pick = _random.Next(side.Sum(s => s.Backend.ReadyPods));
        foreach (var (backend, tick) in side)
        {
            pick -= backend.ReadyPods;
            if (pick < 0)
            {
                return tick;
            }
        }

        return side[^1].Tick;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
