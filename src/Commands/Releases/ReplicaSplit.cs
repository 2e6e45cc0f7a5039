using System.Globalization;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>
/// How a weight becomes pods when traffic is split by replica ratio: of N pods in total, round(N·W/100)
/// run the canary — halves rounded down, at least one when W &gt; 0, and below 100% at least one stays stable.
/// </summary>
public sealed record ReplicaSplit(int Requested, int Total, int Canary, int Stable)
{
    /// <summary>The share of traffic the canary really gets: canary pods over all pods, rounded.</summary>
    public int Effective => Total == 0 ? 0 : (int)Math.Round(100.0 * Canary / Total, MidpointRounding.AwayFromZero);

    /// <summary>True when the pods carry exactly the requested share.</summary>
    public bool IsExact => 100 * Canary == Requested * Total;

    public string Detail => $"{Canary} of {Total} pods";

    /// <summary>The split for a weight, or a sentence saying why this many pods cannot carry it.</summary>
    public static (ReplicaSplit? Split, string? Refusal) For(int weight, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weight, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weight is 0 or 100)
        {
            var all = weight == 100 ? total : 0;
            return (new ReplicaSplit(weight, total, all, total - all), null);
        }

        if (total < 2)
        {
            return (null, $"With {total} pod{(total == 1 ? string.Empty : "s")} the replica router can only send 0% or 100% to the canary; "
                + "scale the stable Deployment up, or use a router that splits requests (nginx, gateway).");
        }

        // Nearest whole pod; an exact half goes to the stable version, so rounding never sends more users to the canary than a tie needs.
        var canary = (int)Math.Ceiling((total * weight / 100.0) - 0.5);
        canary = Math.Clamp(canary, 1, total - 1);
        return (new ReplicaSplit(weight, total, canary, total - canary), null);
    }

    /// <summary>"requested 20%, effective 25% (1 of 4 pods)", or "20% (1 of 5 pods)" when exact.</summary>
    public string Describe() =>
        IsExact
            ? $"{Requested}% ({Detail})"
            : $"requested {Requested}%, effective {(100.0 * Canary / Total).ToString("0.#", CultureInfo.InvariantCulture)}% ({Detail})";
}
