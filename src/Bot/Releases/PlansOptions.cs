using ChatOpsRelease.Commands.Plans;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>
/// Every plan: the built-in ones (<see cref="DefaultPlans"/>, on the weight ladder), those in the <c>Plans</c> section
/// (keyed by name) and the YAML files in <c>Releases:PlansDirectory</c> (<c>manifests/plans</c> by default), one plan a file.
/// </summary>
public sealed class PlansOptions
{
    public const string Section = "Plans";

    public List<ReleasePlan> Plans { get; } = [];

    /// <summary>Plans that could not be read as written (a bad file, a bad bake time); reported at start.</summary>
    public List<string> Problems { get; } = [];

    public static void Load(IConfiguration configuration, PlansOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var releases = new ReleasesOptions();
        configuration.GetSection(ReleasesOptions.Section).Bind(releases);
        options.Plans.AddRange(DefaultPlans.Create(releases.Ladder));

        var configured = new Dictionary<string, PlanOptions>(StringComparer.OrdinalIgnoreCase);
        configuration.GetSection(Section).Bind(configured);
        var origins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, plan) in configured)
        {
            Add(options, plan, name, $"configuration {Section}:{name}", origins);
        }

        var directory = Path.GetFullPath(releases.PlansDirectory);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                ReadFile(options, file, origins);
            }
        }
        else if (configuration[$"{ReleasesOptions.Section}:PlansDirectory"] is { Length: > 0 })
        {
            options.Problems.Add($"Releases:PlansDirectory '{releases.PlansDirectory}' does not exist.");
        }
    }

    private static void ReadFile(PlansOptions options, string file, Dictionary<string, string> origins)
    {
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        PlanOptions? plan;
        try
        {
            var yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            plan = yaml.Deserialize<PlanOptions>(File.ReadAllText(file));
        }
        catch (YamlException ex)
        {
            options.Problems.Add($"The plan file {shown} cannot be read at line {ex.Start.Line}: {(ex.InnerException ?? ex).Message}");
            return;
        }

        if (plan is null)
        {
            options.Problems.Add($"The plan file {shown} is empty.");
            return;
        }

        Add(options, plan, string.IsNullOrWhiteSpace(plan.Name) ? Path.GetFileNameWithoutExtension(file) : plan.Name.Trim(), shown, origins);
    }

    private static void Add(PlansOptions options, PlanOptions written, string name, string origin, Dictionary<string, string> origins)
    {
        if (origins.TryGetValue(name, out var first))
        {
            options.Problems.Add($"Plan '{name}' is defined twice: in {first} and in {origin}.");
            return;
        }

        origins[name] = origin;
        var (plan, problems) = written.ToPlan(name, origin);
        options.Problems.AddRange(problems);
        options.Plans.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        options.Plans.Add(plan);
    }
}

internal sealed class PlansOptionsValidator : IValidateOptions<PlansOptions>
{
    public ValidateOptionsResult Validate(string? name, PlansOptions options)
    {
        var errors = options.Problems.Concat(options.Plans.SelectMany(PlanRules.Problems)).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
