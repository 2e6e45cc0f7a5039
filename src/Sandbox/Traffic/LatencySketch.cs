namespace ChatOpsRelease.Sandbox.Traffic;

/// <summary>
/// Latencies counted in logarithmic bins 2 % wide, from 0.1 ms to about 100 s (values outside fall into the end
/// bins): quantiles read from it are within 1 % of the recorded values, and its size depends on the spread of the
/// latencies, not on how many there are. Frozen into sorted (bin, count) pairs once a tick is over.
/// </summary>
internal sealed class LatencySketch
{
    public const int BinCount = 700;
    private const double Min = 1e-4;
    private static readonly double LogRatio = Math.Log(1.02);
    private SortedDictionary<int, int>? _building = [];
    private ushort[] _bins = [];
    private int[] _counts = [];

    public static int Bin(double seconds) =>
        seconds <= Min ? 0 : Math.Min(BinCount - 1, (int)(Math.Log(seconds / Min) / LogRatio));

    /// <summary>A representative value of a bin: its geometric middle.</summary>
    public static double Value(int bin) => Min * Math.Exp((bin + 0.5) * LogRatio);

    public void Add(double seconds)
    {
        var building = _building ?? throw new InvalidOperationException("The sketch is frozen.");
        var bin = Bin(seconds);
        building[bin] = building.GetValueOrDefault(bin) + 1;
    }

    /// <summary>Moves the counts into compact arrays; the sketch is read-only afterwards.</summary>
    public void Freeze()
    {
        if (_building is null)
        {
            return;
        }

        _bins = [.. _building.Keys.Select(b => (ushort)b)];
        _counts = [.. _building.Values];
        _building = null;
    }

    /// <summary>Adds this (frozen) sketch's counts into <paramref name="totals"/>, indexed by bin.</summary>
    public void AddTo(long[] totals)
    {
        for (var i = 0; i < _bins.Length; i++)
        {
            totals[_bins[i]] += _counts[i];
        }
    }

    /// <summary>The nearest-rank quantile <paramref name="q"/> of merged counts, or null when they are all zero.</summary>
    public static double? Quantile(long[] totals, double q)
    {
        var count = totals.Sum();
        if (count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * count));
        long seen = 0;
        for (var bin = 0; bin < totals.Length; bin++)
        {
            seen += totals[bin];
            if (seen >= rank)
            {
                return Value(bin);
            }
        }

        return Value(totals.Length - 1);
    }
}
