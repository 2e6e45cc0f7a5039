using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>Checks <c>Metrics:Prometheus</c> (and the apps' own queries) when the source is on.</summary>
internal sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{PrometheusOptions.Section}:Url '{options.Url}' is not an absolute http(s) address.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.MinRateWindow <= TimeSpan.Zero)
        {
            errors.Add($"{PrometheusOptions.Section}: Timeout and MinRateWindow must be positive.");
        }

        Check(PrometheusOptions.Section, options.QueriesFor(string.Empty), errors);
        foreach (var (app, own) in options.AppQueries)
        {
            Check($"Apps:{app}:Prometheus", own, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string section, PrometheusQueries queries, List<string> errors)
    {
        var resources = (queries.Resources ?? new PrometheusResourceQueries()).All().Select(r => ("Resources:" + r.Key, r.Template));
        foreach (var (key, template) in new[] { ("Requests", queries.Requests), ("Errors", queries.Errors), ("Latency", queries.Latency) }.Concat(resources))
        {
            if (template is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(template))
            {
                errors.Add($"{section}:{key} is empty; give a PromQL query or leave the key out.");
            }
            else if (!SidesDiffer(template))
            {
                errors.Add($"{section}:{key} uses neither {{track}} nor {{version}}, so the stable and canary sides would be the same series.");
            }
        }

        if (queries.Latency is { Length: > 0 } latency && !latency.Contains("{quantile}", StringComparison.Ordinal))
        {
            errors.Add($"{section}:Latency has no {{quantile}}, so p50, p95 and p99 would be the same series.");
        }

        if (queries.ErrorCodes is { } codes && !IsRegex(codes))
        {
            errors.Add($"{section}:ErrorCodes '{codes}' is not a regular expression.");
        }
    }

    /// <summary>Whether a template names its side: <c>{track}</c>, <c>{version}</c>, or the side's requests query.</summary>
    private static bool SidesDiffer(string template) =>
        template.Contains("{track}", StringComparison.Ordinal) || template.Contains("{version}", StringComparison.Ordinal) ||
        template.Contains("{requests}", StringComparison.Ordinal);

    private static bool IsRegex(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
