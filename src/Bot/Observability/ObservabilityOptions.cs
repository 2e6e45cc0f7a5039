using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Observability;

/// <summary>The bot's own metrics, readiness and log format. Section <c>Observability</c>; the log format is <c>Logging:Format</c>.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Where the Prometheus metrics are served.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>How long <c>/readyz</c> waits for the store, the job queue and the cluster together before it calls one not ready.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        var errors = new List<string>();
        if (!options.MetricsPath.StartsWith('/') || options.MetricsPath.Length < 2)
        {
            errors.Add("Observability:MetricsPath must start with '/' and name a path, e.g. /metrics.");
        }

        if (options.ReadinessTimeout <= TimeSpan.Zero || options.ReadinessTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Observability:ReadinessTimeout is {options.ReadinessTimeout}; it must be positive and at most 1 minute, or probes hang.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
