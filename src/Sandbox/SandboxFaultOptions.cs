using System.Globalization;

namespace ChatOpsRelease.Sandbox;

/// <summary>
/// Faults the sandbox's API server injects into the resource requests it serves (not into discovery, health or
/// <c>/metrics</c>): an error rate (answered 500 or 503 with a Kubernetes <c>Status</c>), a conflict rate for
/// <c>update</c> and <c>patch</c> (409, as a stale resourceVersion is answered) and an added latency. The values here
/// apply to every verb; <see cref="Verbs"/> overrides them for one. All zero — the default — injects nothing.
/// </summary>
public sealed class SandboxFaultOptions
{
    /// <summary>The verbs, as the Kubernetes API names them: <c>update</c> is a PUT (a replace).</summary>
    public static readonly IReadOnlyList<string> VerbNames = ["get", "list", "watch", "create", "update", "patch", "delete"];

    /// <summary>The verbs that carry a resourceVersion precondition and so can conflict.</summary>
    public static readonly IReadOnlyList<string> ConflictingVerbs = ["update", "patch"];

    /// <summary>Share (0–1) of requests answered with 500 or 503.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share (0–1) of <c>update</c> and <c>patch</c> requests answered with 409 Conflict.</summary>
    public double ConflictRate { get; set; }

    /// <summary>Time added before each request is answered.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Settings for one verb (keys ignore case), each value falling back to the ones above when not set.</summary>
    public Dictionary<string, SandboxVerbFaults> Verbs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seed of the random draws (one generator per verb), so a run with the same requests gets the same faults.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>What a verb gets: its own values where set, else the ones for every verb.</summary>
    public SandboxVerbFaults For(string verb)
    {
        var own = Verbs?.GetValueOrDefault(verb);
        return new SandboxVerbFaults
        {
            ErrorRate = own?.ErrorRate ?? ErrorRate,
            ConflictRate = ConflictingVerbs.Contains(verb) ? own?.ConflictRate ?? ConflictRate : 0,
            Latency = own?.Latency ?? Latency,
        };
    }

    /// <summary>A snapshot, so that later changes to these options do not reach a running sandbox.</summary>
    internal SandboxFaultOptions Copy()
    {
        var copy = (SandboxFaultOptions)MemberwiseClone();
        copy.Verbs = new Dictionary<string, SandboxVerbFaults>(
            (Verbs ?? []).Select(v => KeyValuePair.Create(v.Key, v.Value?.Copy() ?? new SandboxVerbFaults())), StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    /// <summary>What the sandbox cannot use, one sentence per problem (empty when all is well).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, "", ErrorRate, ConflictRate, Latency);
        foreach (var (verb, faults) in Verbs ?? [])
        {
            if (!VerbNames.Contains(verb, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"Sandbox:Faults:Verbs:{verb} is not a verb; the verbs are {string.Join(", ", VerbNames)}.");
                continue;
            }

            if (faults is null)
            {
                continue;
            }

            var name = verb.ToLowerInvariant();
            if (faults.ConflictRate is > 0 && !ConflictingVerbs.Contains(name))
            {
                problems.Add($"Sandbox:Faults:Verbs:{verb}:ConflictRate must be 0: only update and patch carry a resourceVersion that can conflict.");
            }

            var effective = For(name);
            Check(problems, $"Verbs:{verb}:", effective.ErrorRate!.Value, effective.ConflictRate!.Value, effective.Latency!.Value);
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Throws when a value cannot be used.</summary>
    internal void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new ArgumentException(first, "options");
        }
    }

    private static void Check(List<string> problems, string prefix, double errorRate, double conflictRate, TimeSpan latency)
    {
        if (errorRate is not (>= 0 and <= 1))
        {
            problems.Add($"Sandbox:Faults:{prefix}ErrorRate must be between 0 and 1, not {errorRate.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (conflictRate is not (>= 0 and <= 1))
        {
            problems.Add($"Sandbox:Faults:{prefix}ConflictRate must be between 0 and 1, not {conflictRate.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (errorRate + conflictRate > 1)
        {
            problems.Add($"Sandbox:Faults:{prefix}ErrorRate and ConflictRate together must not be more than 1.");
        }

        if (latency < TimeSpan.Zero || latency > TimeSpan.FromMinutes(5))
        {
            problems.Add($"Sandbox:Faults:{prefix}Latency must be between 0 and 5 minutes.");
        }
    }
}

/// <summary>One verb's faults; a value left null takes the one <see cref="SandboxFaultOptions"/> gives every verb.</summary>
public sealed class SandboxVerbFaults
{
    /// <summary>Share (0–1) of this verb's requests answered with 500 or 503.</summary>
    public double? ErrorRate { get; set; }

    /// <summary>Share (0–1) answered with 409 Conflict (<c>update</c> and <c>patch</c> only).</summary>
    public double? ConflictRate { get; set; }

    /// <summary>Time added before each of this verb's requests is answered.</summary>
    public TimeSpan? Latency { get; set; }

    internal SandboxVerbFaults Copy() => (SandboxVerbFaults)MemberwiseClone();
}
