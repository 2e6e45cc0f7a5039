using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Plans;

/// <summary>Every plan the bot knows — built in, from configuration and from plan files — looked up by name.</summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, ReleasePlan> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Later plans of the same name replace earlier ones (configuration and files over the built-in ones).</summary>
    public PlanCatalog(IEnumerable<ReleasePlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        foreach (var plan in plans)
        {
            _plans[plan.Name] = plan;
        }
    }

    public IReadOnlyCollection<ReleasePlan> All => _plans.Values;

    public ReleasePlan? Find(string name) => _plans.GetValueOrDefault(name);

    /// <summary>The plan the app's first wave follows. Plans are checked at start-up, so a miss is a programming error.</summary>
    public ReleasePlan For(AppSpec app) => Named(app, app.Plan);

    /// <summary>The plan of a wave after the first: the app's <see cref="AppSpec.WavePlan"/>, or its plan.</summary>
    public ReleasePlan ForLaterWave(AppSpec app) => Named(app, app.WavePlan ?? app.Plan);

    private ReleasePlan Named(AppSpec app, string name)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Find(name) ?? throw new InvalidOperationException($"App '{app.Name}' names the plan '{name}', which is not configured.");
    }
}
