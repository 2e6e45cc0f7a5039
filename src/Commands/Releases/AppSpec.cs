namespace ChatOpsRelease.Commands.Releases;

/// <summary>An app the bot may release: where its stable workload lives and how its traffic is split.</summary>
public sealed record AppSpec(
    string Name,
    string Namespace,
    string Deployment,
    string Service,
    string? Container,
    string Router,
    string Environment)
{
    /// <summary>The canary Deployment's name.</summary>
    public string CanaryDeployment => $"{Deployment}-canary";

    /// <summary>The canary Service's name (routers that send requests to the canary explicitly).</summary>
    public string CanaryService => $"{Service}-canary";

    /// <summary>The object through which users reach the app, for routers that use one: an Ingress or an HTTPRoute name.</summary>
    public string Entry { get; init; } = Name;

    /// <summary>Where the app's request metrics come from: the name of a metric source.</summary>
    public string Metrics { get; init; } = "sandbox";

    /// <summary>How the app's canary is judged.</summary>
    public Analysis.AnalysisSettings Analysis { get; init; } = new();

    /// <summary>The progressive plan a release of the app follows (in its first wave).</summary>
    public string Plan { get; init; } = Plans.DefaultPlans.Standard;

    /// <summary>The clusters a release goes through, in order; empty means the main cluster only.</summary>
    public IReadOnlyList<string> Waves { get; init; } = [];

    /// <summary>The plan of the waves after the first (often shorter); the app's plan when null.</summary>
    public string? WavePlan { get; init; }

    /// <summary>How a release of the app moves users when <c>deploy</c> names no <c>--strategy</c>.</summary>
    public ReleaseStrategy Strategy { get; init; } = ReleaseStrategy.Canary;

    /// <summary>How the app's blue-green releases run.</summary>
    public BlueGreenSettings BlueGreen { get; init; } = BlueGreenSettings.Default;

    /// <summary>The ConfigMap (in <see cref="Namespace"/>) that holds the app's feature flags.</summary>
    public string FlagMap { get; init; } = $"{Name}-flags";
}

/// <summary>The apps named in configuration, looked up by name.</summary>
public sealed class AppCatalog
{
    private readonly Dictionary<string, AppSpec> _apps;

    public AppCatalog(IEnumerable<AppSpec> apps)
    {
        _apps = apps.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<AppSpec> All => _apps.Values;

    public AppSpec? Find(string name) => _apps.GetValueOrDefault(name);

    /// <summary>"I don't know the app `x`" with a did-you-mean and the list of known apps.</summary>
    public string Unknown(string name)
    {
        var guess = Parsing.Suggestions.Closest(name, _apps.Keys);
        var hint = guess is null ? string.Empty : $" Did you mean `{guess}`?";
        var known = _apps.Count == 0 ? "No apps are configured." : $"Known apps: {string.Join(", ", _apps.Keys.Order())}.";
        return $"I don't know the app `{name}`.{hint} {known}";
    }
}
