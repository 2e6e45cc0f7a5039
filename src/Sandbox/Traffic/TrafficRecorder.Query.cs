namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>Queries over the kept ticks.</summary>
internal sealed partial class TrafficRecorder
{
    /// <summary>
    /// The app's ticks that started in [<paramref name="from"/>, <paramref name="to"/>), summed per step and side
    /// (track and version), in time order, then by track and version. A side appears in a step when its pods were
    /// ready during one of its ticks, even if no request reached it; a step without any tick of the app has no buckets.
    /// </summary>
    public List<SandboxTrafficBucket> Query(string @namespace, string app, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var result = new List<SandboxTrafficBucket>();
        var open = new SortedDictionary<(string Track, string Version), Accumulator>(SideOrder.Instance);
        var spare = new Stack<Accumulator>();
        var current = -1L;
        lock (_gate)
        {
            if (!_ticks.TryGetValue((@namespace, app), out var ticks))
            {
                return result;
            }

            // Ticks are kept in time order, so each step is complete once a later one begins.
            foreach (var tick in ticks.Where(t => t.Start >= from && t.Start < to))
            {
                var index = (tick.Start - from).Ticks / step.Ticks;
                if (index != current)
                {
                    Flush(current);
                    current = index;
                }

                foreach (var side in tick.Sides)
                {
                    if (!open.TryGetValue((side.Track, side.Version), out var accumulator))
                    {
                        open[(side.Track, side.Version)] = accumulator = spare.Count > 0 ? spare.Pop() : new Accumulator();
                    }

                    accumulator.Add(side);
                }
            }
        }

        Flush(current);
        return result;

        void Flush(long index)
        {
            foreach (var ((track, version), accumulator) in open)
            {
                result.Add(accumulator.ToBucket(from + TimeSpan.FromTicks(step.Ticks * index), track, version));
                accumulator.Clear();
                spare.Push(accumulator);
            }

            open.Clear();
        }
    }

    private sealed class Accumulator
    {
        private readonly long[] _latencies = new long[LatencySketch.BinCount];
        private long _requests;
        private long _errors;

        public void Add(SideTick side)
        {
            _requests += side.Requests;
            _errors += side.Errors;
            side.Latencies.AddTo(_latencies);
        }

        public SandboxTrafficBucket ToBucket(DateTimeOffset start, string track, string version) => new(
            start, track, version, _requests, _errors,
            LatencySketch.Quantile(_latencies, 0.50), LatencySketch.Quantile(_latencies, 0.95), LatencySketch.Quantile(_latencies, 0.99));

        public void Clear()
        {
            Array.Clear(_latencies);
            _requests = 0;
            _errors = 0;
        }
    }

    private sealed class SideOrder : IComparer<(string Track, string Version)>
    {
        public static readonly SideOrder Instance = new();

        public int Compare((string Track, string Version) x, (string Track, string Version) y)
        {
            var byTrack = string.CompareOrdinal(x.Track, y.Track);
            return byTrack != 0 ? byTrack : string.CompareOrdinal(x.Version, y.Version);
        }
    }
}
