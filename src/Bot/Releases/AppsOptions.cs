using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>The apps the bot may release, from the <c>Apps</c> section, keyed by app name.</summary>
public sealed class AppsOptions
{
    public const string Section = "Apps";

    public Dictionary<string, AppOptions> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<AppSpec> ToSpecs() => Apps.Select(a => a.Value.ToSpec(a.Key));

    /// <summary>Binds the <c>Apps</c> section: each child is one app, its key the app's name.</summary>
    public static void Bind(IConfiguration configuration, AppsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        configuration.GetSection(Section).Bind(options.Apps);
    }
}

public sealed class AppOptions
{
    public string Namespace { get; set; } = "default";

    /// <summary>The stable Deployment; the app's name when empty.</summary>
    public string? Deployment { get; set; }

    /// <summary>The Service in front of the app; the app's name when empty.</summary>
    public string? Service { get; set; }

    /// <summary>The container whose image is released; the first container when empty.</summary>
    public string? Container { get; set; }

    /// <summary>How traffic is split: the name of a traffic router (<c>replicas</c>, <c>nginx</c>, <c>gateway</c>).</summary>
    public string Router { get; set; } = "replicas";

    /// <summary>For <c>nginx</c>: the stable Ingress; for <c>gateway</c>: the HTTPRoute. The app's name when empty.</summary>
    public string? Entry { get; set; }

    /// <summary>The environment the app runs in, e.g. production or staging.</summary>
    public string Environment { get; set; } = "production";

    internal AppSpec ToSpec(string name) => new(
        name.ToLowerInvariant(),
        Namespace,
        string.IsNullOrWhiteSpace(Deployment) ? name.ToLowerInvariant() : Deployment,
        string.IsNullOrWhiteSpace(Service) ? name.ToLowerInvariant() : Service,
        string.IsNullOrWhiteSpace(Container) ? null : Container,
        Router,
        Environment)
    {
        Entry = string.IsNullOrWhiteSpace(Entry) ? name.ToLowerInvariant() : Entry,
    };
}

internal sealed partial class AppsOptionsValidator(IEnumerable<TrafficRouterName> routers) : IValidateOptions<AppsOptions>
{
    public ValidateOptionsResult Validate(string? name, AppsOptions options)
    {
        var known = routers.Select(r => r.Name).ToList();
        var errors = new List<string>();
        foreach (var (app, settings) in options.Apps)
        {
            var spec = settings.ToSpec(app);
            if (!DnsLabel().IsMatch(spec.Name))
            {
                errors.Add($"Apps:{app}: an app name must be lower-case letters, digits and '-' (at most 63).");
            }

            foreach (var (field, value) in new[] { ("Namespace", spec.Namespace), ("Deployment", spec.Deployment), ("Service", spec.Service), ("Entry", spec.Entry) })
            {
                if (!DnsLabel().IsMatch(value))
                {
                    errors.Add($"Apps:{app}:{field} '{value}' is not a valid Kubernetes name.");
                }
            }

            if (spec.Deployment.Length > 63 - "-canary".Length)
            {
                errors.Add($"Apps:{app}:Deployment '{spec.Deployment}' is too long to add '-canary' to.");
            }

            if (!known.Contains(spec.Router, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Apps:{app}:Router '{spec.Router}' is not a router this bot has; known routers: {string.Join(", ", known)}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
