using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Metrics;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>The apps the bot may release, from the <c>Apps</c> section, keyed by app name.</summary>
public sealed class AppsOptions
{
    public const string Section = "Apps";

    public Dictionary<string, AppOptions> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The metric source of apps that name none: <c>Metrics:Default</c> when set, else <c>prometheus</c> when
    /// <c>Metrics:Prometheus:Url</c> is set, else <c>elasticsearch</c> when <c>Metrics:Elasticsearch:Url</c> is,
    /// else <c>sandbox</c>.
    /// </summary>
    public string DefaultMetrics { get; set; } = "sandbox";

    /// <summary>Values that could not be read into their setting (e.g. an unknown OnFail), reported at start.</summary>
    public List<string> BindProblems { get; } = [];

    public IEnumerable<AppSpec> ToSpecs() => Apps.Select(a => a.Value.ToSpec(a.Key, DefaultMetrics));

    /// <summary>Binds the <c>Apps</c> section: each child is one app, its key the app's name.</summary>
    public static void Bind(IConfiguration configuration, AppsOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        configuration.GetSection(Section).Bind(options.Apps);
        foreach (var app in configuration.GetSection(Section).GetChildren())
        {
            var onFail = app[$"Analysis:{nameof(AnalysisSettings.OnFail)}"];
            if (onFail is not null && !Enum.TryParse<FailAction>(onFail, ignoreCase: true, out _))
            {
                options.BindProblems.Add($"Apps:{app.Key}:Analysis:OnFail must be Rollback or Pause.");
            }
        }

        options.DefaultMetrics = Set(configuration["Metrics:Default"]) ?? (Set(configuration["Metrics:Prometheus:Url"]) is not null ? "prometheus"
            : Set(configuration["Metrics:Elasticsearch:Url"]) is not null ? "elasticsearch"
            : "sandbox");

        static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
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

    /// <summary>Where the app's request metrics come from (<c>sandbox</c>, <c>prometheus</c>, <c>elasticsearch</c>); the default source when empty.</summary>
    public string? Metrics { get; set; }

    /// <summary>How the app's canary is judged; unset fields keep their defaults.</summary>
    public AnalysisSettings Analysis { get; set; } = new();

    /// <summary>The plan a release follows (a built-in one, one under <c>Plans</c>, or a plan file's); <c>standard</c> when empty.</summary>
    public string? Plan { get; set; }

    /// <summary>The clusters a release goes through in order, the main cluster first; empty means the main cluster only.</summary>
    public List<string> Waves { get; set; } = [];

    /// <summary>The plan of the waves after the first; the app's plan when empty.</summary>
    public string? WavePlan { get; set; }

    /// <summary>The ConfigMap (in the app's namespace) that holds its feature flags; <c>&lt;app&gt;-flags</c> when empty.</summary>
    public string? FlagMap { get; set; }

    /// <summary>How a release moves users when <c>deploy</c> names no <c>--strategy</c>: <c>canary</c> or <c>bluegreen</c>.</summary>
    public string Strategy { get; set; } = "canary";

    /// <summary>The app's blue-green settings.</summary>
    public BlueGreenOptions BlueGreen { get; set; } = new();

    /// <summary>The metrics a comparison judges besides errors: resources, restarts, availability, the app's own KPIs.</summary>
    public List<GateOptions> Gates { get; set; } = [];

    internal AppSpec ToSpec(string name, string defaultMetrics = "sandbox") => new(
        name.ToLowerInvariant(),
        Namespace,
        string.IsNullOrWhiteSpace(Deployment) ? name.ToLowerInvariant() : Deployment,
        string.IsNullOrWhiteSpace(Service) ? name.ToLowerInvariant() : Service,
        string.IsNullOrWhiteSpace(Container) ? null : Container,
        Router,
        Environment)
    {
        Entry = string.IsNullOrWhiteSpace(Entry) ? name.ToLowerInvariant() : Entry,
        Metrics = (string.IsNullOrWhiteSpace(Metrics) ? defaultMetrics : Metrics.Trim()).ToLowerInvariant(),
        Analysis = Gates.Count == 0
            ? Analysis ?? new()
            : (Analysis ?? new()) with
            {
                Metrics = [GateMetric.Errors, .. Gates.Select((g, i) => g.ToMetric($"Apps:{name}:Gates:{i}").Metric).OfType<GateMetric>()],
            },
        Plan = string.IsNullOrWhiteSpace(Plan) ? Commands.Plans.DefaultPlans.Standard : Plan.Trim(),
        Waves = Waves.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim()).ToList(),
        WavePlan = string.IsNullOrWhiteSpace(WavePlan) ? null : WavePlan.Trim(),
        FlagMap = string.IsNullOrWhiteSpace(FlagMap) ? $"{name.ToLowerInvariant()}-flags" : FlagMap.Trim(),
        Strategy = StrategyOf(Strategy) ?? ReleaseStrategy.Canary,
        BlueGreen = (BlueGreen ?? new()).ToSettings(),
    };

    internal static ReleaseStrategy? StrategyOf(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "canary" or "" or null => ReleaseStrategy.Canary,
        "bluegreen" or "blue-green" => ReleaseStrategy.BlueGreen,
        _ => null,
    };
}

internal sealed partial class AppsOptionsValidator(IEnumerable<TrafficRouterName> routers, IEnumerable<MetricSourceName> metricSources) : IValidateOptions<AppsOptions>
{
    public ValidateOptionsResult Validate(string? name, AppsOptions options)
    {
        var known = routers.Select(r => r.Name).ToList();
        var sources = metricSources.Select(s => s.Name).ToList();
        var errors = new List<string>(options.BindProblems);
        foreach (var (app, settings) in options.Apps)
        {
            var spec = settings.ToSpec(app, options.DefaultMetrics);
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

            if (!DnsSubdomain().IsMatch(spec.FlagMap) || spec.FlagMap.Length > 253)
            {
                errors.Add($"Apps:{app}:FlagMap '{spec.FlagMap}' is not a valid ConfigMap name (lower-case letters, digits, '-' and '.').");
            }

            if (AppOptions.StrategyOf(settings.Strategy) is not { } strategy)
            {
                errors.Add($"Apps:{app}:Strategy '{settings.Strategy}' is not a strategy; use canary or bluegreen.");
            }
            else if (strategy == ReleaseStrategy.BlueGreen && spec.Waves.Count > 1)
            {
                errors.Add($"Apps:{app}:Strategy is bluegreen but the app is released in waves; a blue-green release runs in one cluster.");
            }

            errors.AddRange((settings.BlueGreen ?? new()).Problems($"Apps:{app}:BlueGreen"));
            errors.AddRange(settings.Gates.Select((g, i) => g.ToMetric($"Apps:{app}:Gates:{i}").Problem).OfType<string>());
            errors.AddRange(settings.Gates.GroupBy(g => g.Name.Trim().ToLowerInvariant()).Where(g => g.Key.Length > 0 && g.Count() > 1)
                .Select(g => $"Apps:{app}:Gates names '{g.Key}' more than once."));

            if (spec.Deployment.Length > 63 - "-canary".Length)
            {
                errors.Add($"Apps:{app}:Deployment '{spec.Deployment}' is too long to add '-canary' to.");
            }

            if (!known.Contains(spec.Router, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Apps:{app}:Router '{spec.Router}' is not a router this bot has; known routers: {string.Join(", ", known)}.");
            }

            if (!sources.Contains(spec.Metrics, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Apps:{app}:Metrics '{spec.Metrics}' is not a metric source this bot has; configured sources: {string.Join(", ", sources)} "
                    + "(prometheus needs Metrics:Prometheus:Url, elasticsearch needs Metrics:Elasticsearch:Url).");
            }

            errors.AddRange(AnalysisProblems(app, spec.Analysis));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> AnalysisProblems(string app, AnalysisSettings analysis)
    {
        var at = $"Apps:{app}:Analysis";
        if (!(analysis.MaxErrorRateIncrease is > 0 and < 1))
        {
            yield return $"{at}:MaxErrorRateIncrease must be more than 0 and less than 1 (0.01 is one percentage point).";
        }

        if (!(analysis.Confidence is >= 0.5 and < 1))
        {
            yield return $"{at}:Confidence must be at least 0.5 and less than 1 (0.95 by default).";
        }

        if (analysis.MinRequests < 1)
        {
            yield return $"{at}:MinRequests must be at least 1.";
        }

        if (!(analysis.MaxLatencyRatio >= 1) || double.IsInfinity(analysis.MaxLatencyRatio))
        {
            yield return $"{at}:MaxLatencyRatio must be 1 or more (1.25 lets the canary's p95 be a quarter slower).";
        }

        if (analysis.DefaultWindow < TimeSpan.FromMinutes(1) || analysis.DefaultWindow > TimeSpan.FromDays(7))
        {
            yield return $"{at}:DefaultWindow must be between 1 minute and 7 days.";
        }

        if (analysis.Interval < TimeSpan.FromSeconds(1) || analysis.Interval > TimeSpan.FromHours(1))
        {
            yield return $"{at}:Interval must be between 1 second and 1 hour (30 seconds by default).";
        }

        if (analysis.InconclusiveDeadline < analysis.Interval || analysis.InconclusiveDeadline > TimeSpan.FromDays(7))
        {
            yield return $"{at}:InconclusiveDeadline must be at least the Interval and at most 7 days (30 minutes by default).";
        }

        if (!Enum.IsDefined(analysis.OnFail))
        {
            yield return $"{at}:OnFail must be Rollback or Pause.";
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
