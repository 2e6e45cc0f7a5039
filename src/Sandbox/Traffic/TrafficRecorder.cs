namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// Everything the simulated traffic produced: monotone counters and latency histograms per label set (for
/// <c>/metrics</c>), and per app the ticks of the last <c>retention</c> (for queries). One lock guards it all.
/// </summary>
internal sealed partial class TrafficRecorder(TimeSpan retention)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RequestKey, long> _requests = [];
    private readonly Dictionary<SeriesKey, Histogram> _histograms = [];
    private readonly Dictionary<(string Namespace, string App), Queue<TickRecord>> _ticks = [];

    /// <summary>Labels of <c>http_requests_total</c>.</summary>
    public readonly record struct RequestKey(SeriesKey Series, string Code);

    /// <summary>Labels of <c>http_request_duration_seconds</c>.</summary>
    public readonly record struct SeriesKey(string Namespace, string App, string Track, string Version);

    /// <summary>Cumulative totals of one histogram series; <see cref="Counts"/> per bucket, not cumulative.</summary>
    public sealed class Histogram
    {
        public long[] Counts { get; } = new long[SideTick.Bounds.Length + 1];

        public double Sum { get; set; }

        public long Count { get; set; }
    }

    private sealed record TickRecord(DateTimeOffset Start, IReadOnlyList<SideTick> Sides);

    /// <summary>Adds one tick of one app: to the counters and histograms, and to the app's ticks.</summary>
    public void Record(string @namespace, string app, DateTimeOffset start, IReadOnlyList<SideTick> sides)
    {
        lock (_gate)
        {
            foreach (var side in sides)
            {
                var series = new SeriesKey(@namespace, app, side.Track, side.Version);
                Count(new RequestKey(series, "200"), side.Requests - side.Errors);
                Count(new RequestKey(series, "500"), side.Errors);
                if (!_histograms.TryGetValue(series, out var histogram))
                {
                    if (side.Requests == 0)
                    {
                        continue;
                    }

                    _histograms[series] = histogram = new Histogram();
                }

                for (var i = 0; i < histogram.Counts.Length; i++)
                {
                    histogram.Counts[i] += side.BucketCounts[i];
                }

                histogram.Sum += side.LatencySum;
                histogram.Count += side.Requests;
            }

            if (!_ticks.TryGetValue((@namespace, app), out var ticks))
            {
                _ticks[(@namespace, app)] = ticks = new Queue<TickRecord>();
            }

            ticks.Enqueue(new TickRecord(start, sides));
        }
    }

    /// <summary>Copies of the counters and histograms, ordered by their labels.</summary>
    public (List<KeyValuePair<RequestKey, long>> Requests, List<(SeriesKey Key, long[] Counts, double Sum, long Count)> Histograms) Snapshot()
    {
        lock (_gate)
        {
            var requests = _requests.OrderBy(r => r.Key.Series, SeriesOrder.Instance).ThenBy(r => r.Key.Code, StringComparer.Ordinal).ToList();
            var histograms = _histograms.OrderBy(h => h.Key, SeriesOrder.Instance)
                .Select(h => (h.Key, (long[])h.Value.Counts.Clone(), h.Value.Sum, h.Value.Count))
                .ToList();
            return (requests, histograms);
        }
    }

    /// <summary>Drops the ticks that started more than the retention before <paramref name="now"/>.</summary>
    public void Prune(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (key, ticks) in _ticks.ToList())
            {
                while (ticks.TryPeek(out var oldest) && oldest.Start < now - retention)
                {
                    ticks.Dequeue();
                }

                if (ticks.Count == 0)
                {
                    _ticks.Remove(key);
                }
            }
        }
    }

    private void Count(RequestKey key, long requests)
    {
        // A label set appears once it has counted something, and then stays (counters never go away).
        if (requests > 0 || _requests.ContainsKey(key))
        {
            _requests[key] = _requests.GetValueOrDefault(key) + requests;
        }
    }
}

/// <summary>Orders series by namespace, app, track and version (ordinal).</summary>
internal sealed class SeriesOrder : IComparer<TrafficRecorder.SeriesKey>
{
    public static readonly SeriesOrder Instance = new();

    public int Compare(TrafficRecorder.SeriesKey x, TrafficRecorder.SeriesKey y)
    {
        var result = string.CompareOrdinal(x.Namespace, y.Namespace);
        result = result != 0 ? result : string.CompareOrdinal(x.App, y.App);
        result = result != 0 ? result : string.CompareOrdinal(x.Track, y.Track);
        return result != 0 ? result : string.CompareOrdinal(x.Version, y.Version);
    }
}
