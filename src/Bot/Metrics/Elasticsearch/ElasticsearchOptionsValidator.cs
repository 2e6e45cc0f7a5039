using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>Checks <c>Metrics:Elasticsearch</c> when the source is on. Messages name keys, never secret values.</summary>
internal sealed class ElasticsearchOptionsValidator : IValidateOptions<ElasticsearchOptions>
{
    private const string Section = ElasticsearchOptions.Section;

    public ValidateOptionsResult Validate(string? name, ElasticsearchOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!IsHttp(options.Url, out var url))
        {
            errors.Add($"{Section}:Url is not an absolute http(s) address.");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"{Section}:Url carries credentials; give them as Username and Password (or ApiKey) instead.");
        }

        var basic = Has(options.Username) || Has(options.Password);
        if (basic && !(Has(options.Username) && Has(options.Password)))
        {
            errors.Add($"{Section}: Username and Password go together; one of them is missing.");
        }

        if (basic && Has(options.ApiKey))
        {
            errors.Add($"{Section}: give ApiKey or Username and Password, not both.");
        }

        foreach (var (key, value) in new[]
        {
            ("IndexPattern", options.IndexPattern), ("Timestamp", options.Timestamp), ("StatusCode", options.StatusCode),
            ("Track", options.Track), ("Version", options.Version), ("Duration", options.Duration), ("App", options.App),
        })
        {
            if (!Has(value))
            {
                errors.Add($"{Section}:{key} is empty.");
            }
        }

        if (!Enum.IsDefined(options.SideBy) || !Enum.IsDefined(options.DurationUnit))
        {
            errors.Add($"{Section}: SideBy must be Track or Version; DurationUnit Nanoseconds, Microseconds, Milliseconds or Seconds.");
        }

        if (options.ErrorStatusFrom is < 100 or > 599)
        {
            errors.Add($"{Section}:ErrorStatusFrom ({options.ErrorStatusFrom}) is not an HTTP status code.");
        }

        if (Has(options.KibanaUrl) && !IsHttp(options.KibanaUrl, out _))
        {
            errors.Add($"{Section}:KibanaUrl '{options.KibanaUrl}' is not an absolute http(s) address.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Timeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);

    private static bool IsHttp(string? value, out Uri url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";
}
