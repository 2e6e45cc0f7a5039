using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>The built-in simulated cluster, used when no real cluster is configured. Section <c>Sandbox</c>.</summary>
public sealed class SandboxSettings
{
    public const string Section = "Sandbox";

    /// <summary>Where the sandbox's kubeconfig is written, so people can look with kubectl.</summary>
    public string KubeconfigPath { get; set; } = "data/sandbox.kubeconfig";

    /// <summary>The loopback port of the simulated API server; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>How long a simulated pod takes to become ready.</summary>
    public TimeSpan PodReadyDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Workloads created at start when absent, keyed by app name (the app's namespace, Deployment and Service are used).</summary>
    public Dictionary<string, SandboxSeed> Seed { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The simulated requests the sandbox's apps receive, which the <c>sandbox</c> metric source reads. Profiles
    /// configured here come after the built-in <c>bad</c> and <c>slow</c> ones; the first that matches a version wins.
    /// </summary>
    public ChatOpsRelease.Sandbox.SandboxTrafficOptions Traffic { get; set; } = new();

    /// <summary>
    /// Faults the simulated API server injects (per verb: error rate, conflict rate, added latency; seeded), to see the
    /// bot's retries at work. None by default.
    /// </summary>
    public ChatOpsRelease.Sandbox.SandboxFaultOptions Faults { get; set; } = new();
}

public sealed class SandboxSeed
{
    public int Replicas { get; set; } = 2;

    public string Image { get; set; } = string.Empty;

    public int Port { get; set; } = 8080;

    /// <summary>For apps behind an ingress or gateway: the host users reach them on (<c>&lt;app&gt;.example</c> by default).</summary>
    public string? Host { get; set; }
}

internal sealed class SandboxSettingsValidator : IValidateOptions<SandboxSettings>
{
    public ValidateOptionsResult Validate(string? name, SandboxSettings options)
    {
        var errors = new List<string>();
        if (options.PodReadyDelay < TimeSpan.Zero)
        {
            errors.Add("Sandbox:PodReadyDelay must not be negative.");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add("Sandbox:Port must be between 0 and 65535.");
        }

        errors.AddRange(options.Traffic?.Problems() ?? ["Sandbox:Traffic must not be empty."]);
        errors.AddRange(options.Faults?.Problems() ?? ["Sandbox:Faults must not be empty."]);
        foreach (var (app, seed) in options.Seed)
        {
            if (seed.Replicas < 0 || string.IsNullOrWhiteSpace(seed.Image))
            {
                errors.Add($"Sandbox:Seed:{app} needs a non-negative Replicas and an Image.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
