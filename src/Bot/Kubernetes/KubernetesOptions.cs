using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>Where the cluster is and how patiently the bot works with it. Section <c>Kubernetes</c>.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>
    /// <c>auto</c> (a kubeconfig when <see cref="KubeconfigPath"/> is set, else in-cluster configuration when running
    /// in a pod, else the sandbox), <c>kubeconfig</c>, <c>in-cluster</c> or <c>sandbox</c>.
    /// </summary>
    public string Source { get; set; } = "auto";

    public string? KubeconfigPath { get; set; }

    /// <summary>The kubeconfig context to use; its current context when empty.</summary>
    public string? Context { get; set; }

    /// <summary>The name releases record for this cluster; the context name (or "in-cluster", "sandbox") when empty.</summary>
    public string? ClusterName { get; set; }

    /// <summary>How long a step waits for its Deployments to become available before it is reported failed.</summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a waiting step looks at the Deployments.</summary>
    public TimeSpan RolloutPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many times a change is retried when the object changed underneath it (HTTP 409).</summary>
    public int ConflictRetries { get; set; } = 5;

    /// <summary>
    /// How many times a call is repeated after the API failed it on the way (HTTP 5xx, 429, no answer within
    /// <see cref="RequestTimeout"/>, connection refused or cut). Only reads and writes that are safe to repeat are: a
    /// replace starts again from a fresh read, a create first looks whether the failed attempt made the object.
    /// </summary>
    public int Retries { get; set; } = 5;

    /// <summary>The wait before the first retry (of a failed call or a conflicting change); it doubles each time, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one request to the Kubernetes API.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The clusters besides the main one, by name (names ignore case): release waves go through them. On the sandbox
    /// each is another simulated cluster.
    /// </summary>
    public Dictionary<string, ClusterOptions> Clusters { get; set; } = [];

    internal static readonly string[] Sources = ["auto", "kubeconfig", "in-cluster", "sandbox"];
}

internal sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var errors = new List<string>();
        if (!KubernetesOptions.Sources.Contains(options.Source, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Kubernetes:Source is '{options.Source}'; it must be one of {string.Join(", ", KubernetesOptions.Sources)}.");
        }

        if (string.Equals(options.Source, "kubeconfig", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.KubeconfigPath))
        {
            errors.Add("Kubernetes:Source is 'kubeconfig' but Kubernetes:KubeconfigPath is empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.KubeconfigPath) && !File.Exists(options.KubeconfigPath))
        {
            errors.Add($"Kubernetes:KubeconfigPath '{options.KubeconfigPath}' does not exist.");
        }

        if (options.RolloutTimeout <= TimeSpan.Zero || options.RolloutPollInterval <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Kubernetes:RolloutTimeout, RolloutPollInterval and RequestTimeout must be positive.");
        }

        if (options.ConflictRetries is < 0 or > 100)
        {
            errors.Add("Kubernetes:ConflictRetries must be between 0 and 100.");
        }

        if (options.Retries is < 0 or > 20)
        {
            errors.Add($"Kubernetes:Retries is {options.Retries}; it must be between 0 and 20.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.RetryDelay > options.RetryMaxDelay)
        {
            errors.Add($"Kubernetes:RetryDelay is {options.RetryDelay}; it must be positive and no longer than Kubernetes:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (options.RetryMaxDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Kubernetes:RetryMaxDelay is {options.RetryMaxDelay}; it must be at most 5 minutes, or a failed step keeps a release waiting that long between tries.");
        }

        errors.AddRange(ClusterChecks.Problems(options));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
