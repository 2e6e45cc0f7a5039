namespace ChatOpsRelease.Sandbox;

/// <summary>How many resource requests of one verb the sandbox served, and how many of them it failed on purpose.</summary>
/// <param name="Errors">Answered 5xx or 429 by injection.</param>
/// <param name="Conflicts">Answered 409 by injection.</param>
public sealed record SandboxFaultCounts(long Requests, long Errors, long Conflicts);

/// <summary>What the sandbox does to one request before serving it.</summary>
/// <param name="Status">The status to answer instead of serving it (409, 429 or 5xx), or null to serve it.</param>
internal readonly record struct FaultDecision(TimeSpan Latency, int? Status);

/// <summary>
/// The sandbox's fault injection at run time: the rates and latency of <see cref="SandboxFaultOptions"/>, changeable
/// while the sandbox runs, plus failures asked for one by one (<see cref="FailNext"/>). Each verb draws from its own
/// generator seeded from <see cref="SandboxFaultOptions.Seed"/>, so the n-th request of a verb meets the same fate in
/// every run.
/// </summary>
public sealed class SandboxFaults
{
    /// <summary>The statuses <see cref="FailNext"/> can answer with.</summary>
    public static readonly IReadOnlyList<int> Statuses = [409, 429, 500, 502, 503, 504];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Random> _draws = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<int>> _forced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxFaultCounts> _counts = new(StringComparer.Ordinal);
    private SandboxFaultOptions _options = new();

    internal SandboxFaults(SandboxFaultOptions options) => Set(options);

    /// <summary>A copy of the settings in force.</summary>
    public SandboxFaultOptions Current
    {
        get
        {
            lock (_gate)
            {
                return _options.Copy();
            }
        }
    }

    /// <summary>Replaces the settings (validated) and starts every verb's draws again from the seed.</summary>
    public void Set(SandboxFaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var copy = options.Copy();
        lock (_gate)
        {
            _options = copy;
            _draws.Clear();
            for (var i = 0; i < SandboxFaultOptions.VerbNames.Count; i++)
            {
                _draws[SandboxFaultOptions.VerbNames[i]] = new Random(unchecked((copy.Seed * 7919) + i));
            }
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests of <paramref name="verb"/> with <paramref name="status"/>, whatever the rates.</summary>
    public void FailNext(string verb, int count, int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var name = Verb(verb);
        if (!Statuses.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"The sandbox can answer {string.Join(", ", Statuses)}.");
        }

        lock (_gate)
        {
            var queue = _forced.TryGetValue(name, out var existing) ? existing : _forced[name] = new Queue<int>();
            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(status);
            }
        }
    }

    /// <summary>The requests served and faults injected so far, by verb (every verb listed).</summary>
    public IReadOnlyDictionary<string, SandboxFaultCounts> Counts()
    {
        lock (_gate)
        {
            return SandboxFaultOptions.VerbNames.ToDictionary(v => v, v => _counts.GetValueOrDefault(v) ?? new SandboxFaultCounts(0, 0, 0), StringComparer.Ordinal);
        }
    }

    /// <summary>Sets every count back to zero.</summary>
    public void ResetCounts()
    {
        lock (_gate)
        {
            _counts.Clear();
        }
    }

    /// <summary>Decides the fate of one request of <paramref name="verb"/> and counts it.</summary>
    internal FaultDecision Decide(string verb)
    {
        lock (_gate)
        {
            var faults = _options.For(verb);
            int? status = null;
            if (_forced.TryGetValue(verb, out var queue) && queue.Count > 0)
            {
                status = queue.Dequeue();
            }
            else if (faults.ErrorRate > 0 || faults.ConflictRate > 0)
            {
                var draws = _draws[verb];
                var roll = draws.NextDouble();
                status = roll < faults.ErrorRate ? (draws.Next(2) == 0 ? 500 : 503)
                    : roll < faults.ErrorRate + faults.ConflictRate ? 409
                    : null;
            }

            var counts = _counts.GetValueOrDefault(verb) ?? new SandboxFaultCounts(0, 0, 0);
            _counts[verb] = counts with
            {
                Requests = counts.Requests + 1,
                Errors = counts.Errors + (status is { } error && error != 409 ? 1 : 0),
                Conflicts = counts.Conflicts + (status == 409 ? 1 : 0),
            };
            return new FaultDecision(faults.Latency ?? TimeSpan.Zero, status);
        }
    }

    private static string Verb(string verb) =>
        SandboxFaultOptions.VerbNames.FirstOrDefault(v => v.Equals(verb, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{verb}' is not a verb; the verbs are {string.Join(", ", SandboxFaultOptions.VerbNames)}.", nameof(verb));
}
