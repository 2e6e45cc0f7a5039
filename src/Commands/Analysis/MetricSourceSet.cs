using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Analysis;

/// <summary>The metric sources this bot has, found by the name an app's configuration gives.</summary>
public sealed class MetricSourceSet(IEnumerable<IMetricSource> sources)
{
    private readonly Dictionary<string, IMetricSource> _sources = sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _sources.Keys;

    /// <summary>The app's source, or null when the bot has none of that name (the caller says so).</summary>
    public IMetricSource? For(AppSpec app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return _sources.GetValueOrDefault(app.Metrics);
    }
}
