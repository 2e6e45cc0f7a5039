namespace ChatOpsRelease.Sandbox;

/// <summary>
/// The simulated request traffic of the sandbox's apps: how much, how it behaves per version, and how often the
/// simulation advances. Every draw comes from one random generator seeded with <see cref="Seed"/>, so the same
/// cluster state and clock give the same traffic.
/// </summary>
public sealed class SandboxTrafficOptions
{
    /// <summary>Whether the sandbox simulates traffic at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second each app receives (an exact count per tick, fractions carried over).</summary>
    public double RequestsPerSecond { get; set; } = 100;

    /// <summary>
    /// Share of requests sent by testers, carrying the header or cookie of a user rule: when the app's canary Ingress
    /// or HTTPRoute has a user rule, these requests go to the canary whatever the weight.
    /// </summary>
    public double TesterShare { get; set; } = 0.02;

    /// <summary>How often the simulation advances (on the sandbox's clock); also the resolution of the queried series.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the per-tick series are kept for <see cref="SandboxTraffic.Query"/>.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Error rate (0–1) of a version no profile matches.</summary>
    public double ErrorRate { get; set; } = 0.005;

    /// <summary>Median latency, in seconds, of a version no profile matches.</summary>
    public double LatencyMedianSeconds { get; set; } = 0.08;

    /// <summary>
    /// Spread of latencies: the standard deviation of their logarithm (a lognormal distribution around the median).
    /// 0.5 puts p95 at about 2.3 times and p99 at about 3.2 times the median.
    /// </summary>
    public double LatencySpread { get; set; } = 0.5;

    /// <summary>
    /// Behaviour by version (the image tag): the first profile whose <see cref="SandboxTrafficProfile.VersionContains"/>
    /// occurs in the version (ignoring case) applies. By default a version containing <c>bad</c> fails 5 % of its
    /// requests and one containing <c>slow</c> answers three times slower.
    /// </summary>
    public IList<SandboxTrafficProfile> Profiles { get; set; } =
    [
        new("bad", 0.05, 0.08),
        new("slow", 0.005, 0.24),
    ];

    /// <summary>CPU, in cores, a ready pod's container uses while idle (before any profile factor).</summary>
    public double CpuBaseCores { get; set; } = 0.05;

    /// <summary>CPU seconds a pod's first container spends per request it serves (before any profile factor).</summary>
    public double CpuSecondsPerRequest { get; set; } = 0.002;

    /// <summary>Working-set memory, in bytes, of each container of a running pod (before any profile factor).</summary>
    public double MemoryBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>
    /// Resource use by version (the container's image tag): the first profile whose
    /// <see cref="SandboxResourceProfile.VersionContains"/> occurs in the tag (ignoring case) multiplies its CPU and
    /// memory. By default a version containing <c>heavy</c> uses 40 % more of both.
    /// </summary>
    public IList<SandboxResourceProfile> ResourceProfiles { get; set; } =
    [
        new("heavy", 1.4, 1.4),
    ];

    /// <summary>
    /// How often the first container of a pod whose version contains <c>crash</c> crashes and restarts: every this much
    /// simulated time after it first started (exit code 1, reason <c>Error</c>; 137 and <c>OOMKilled</c> when the
    /// version also contains <c>oom</c>). Zero: no pod ever crashes.
    /// </summary>
    public TimeSpan CrashEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a crashed pod stays not ready before its container runs again; less than <see cref="CrashEvery"/>.</summary>
    public TimeSpan CrashDowntime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Seed of the random generator behind every draw.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>A snapshot, so that later changes to these options do not reach a running sandbox.</summary>
    internal SandboxTrafficOptions Copy()
    {
        var copy = (SandboxTrafficOptions)MemberwiseClone();
        copy.Profiles = [.. Profiles ?? []];
        copy.ResourceProfiles = [.. ResourceProfiles ?? []];
        return copy;
    }

    /// <summary>What an enabled simulation cannot use, one sentence per option (empty when all is well).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            return problems;
        }

        Check(Amount(RequestsPerSecond), nameof(RequestsPerSecond), "must be zero or more");
        Check(Share(TesterShare), nameof(TesterShare), "must be between 0 and 1");
        Check(Tick >= TimeSpan.FromMilliseconds(1), nameof(Tick), "must be at least 1 ms");
        Check(Retention >= Tick, nameof(Retention), "must be at least one tick");
        Check(Share(ErrorRate), nameof(ErrorRate), "must be between 0 and 1");
        Check(Median(LatencyMedianSeconds), nameof(LatencyMedianSeconds), "must be more than 0");
        Check(Amount(LatencySpread), nameof(LatencySpread), "must be zero or more");
        foreach (var profile in Profiles ?? [])
        {
            if (profile?.VersionContains is null)
            {
                Check(false, nameof(Profiles), "must not hold empty entries");
                continue;
            }

            Check(Share(profile.ErrorRate), nameof(Profiles), $"'{profile.VersionContains}': the error rate must be between 0 and 1");
            Check(Median(profile.LatencyMedianSeconds), nameof(Profiles), $"'{profile.VersionContains}': the median latency must be more than 0");
        }

        Check(Amount(CpuBaseCores), nameof(CpuBaseCores), "must be zero or more");
        Check(Amount(CpuSecondsPerRequest), nameof(CpuSecondsPerRequest), "must be zero or more");
        Check(Amount(MemoryBytes), nameof(MemoryBytes), "must be zero or more");
        foreach (var profile in ResourceProfiles ?? [])
        {
            if (profile?.VersionContains is null)
            {
                Check(false, nameof(ResourceProfiles), "must not hold empty entries");
                continue;
            }

            Check(Amount(profile.CpuFactor) && Amount(profile.MemoryFactor), nameof(ResourceProfiles), $"'{profile.VersionContains}': the factors must be zero or more");
        }

        Check(CrashEvery == TimeSpan.Zero || CrashEvery >= Tick, nameof(CrashEvery), "must be zero (never) or at least one tick");
        Check(CrashEvery == TimeSpan.Zero || (CrashDowntime > TimeSpan.Zero && CrashDowntime < CrashEvery), nameof(CrashDowntime), "must be more than 0 and less than CrashEvery");

        return problems;

        static bool Share(double value) => value is >= 0 and <= 1;

        static bool Median(double value) => double.IsFinite(value) && value > 0;

        static bool Amount(double value) => double.IsFinite(value) && value >= 0;

        void Check(bool valid, string name, string problem)
        {
            if (!valid)
            {
                problems.Add($"Sandbox:Traffic:{name} {problem}.");
            }
        }
    }

    /// <summary>Throws when an enabled simulation has a value it cannot use.</summary>
    internal void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new ArgumentException(first, "options");
        }
    }
}

/// <summary>How the versions whose name contains <paramref name="VersionContains"/> behave.</summary>
/// <param name="VersionContains">Text looked for in the version (the image tag), ignoring case.</param>
/// <param name="ErrorRate">Share (0–1) of requests answered with a 5xx.</param>
/// <param name="LatencyMedianSeconds">Median latency in seconds.</param>
public sealed record SandboxTrafficProfile(string VersionContains, double ErrorRate, double LatencyMedianSeconds);

/// <summary>How much CPU and memory the versions whose name contains <paramref name="VersionContains"/> use.</summary>
/// <param name="VersionContains">Text looked for in the version (the image tag), ignoring case.</param>
/// <param name="CpuFactor">Multiplies the CPU of the version's containers.</param>
/// <param name="MemoryFactor">Multiplies the working-set memory of the version's containers.</param>
public sealed record SandboxResourceProfile(string VersionContains, double CpuFactor, double MemoryFactor);
