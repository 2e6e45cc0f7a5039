using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>The traffic routers this bot has, found by the name an app's configuration gives.</summary>
public sealed class RouterSet
{
    private readonly Dictionary<string, ITrafficRouter> _routers;

    public RouterSet(IEnumerable<ITrafficRouter> routers)
    {
        _routers = routers.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Names => _routers.Keys;

    public IReadOnlyCollection<ITrafficRouter> All => _routers.Values;

    public bool Has(string name) => _routers.ContainsKey(name);

    /// <summary>The app's router. Unknown names are refused at start-up, so a miss here is a programming error.</summary>
    public ITrafficRouter For(AppSpec app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return _routers.TryGetValue(app.Router, out var router)
            ? router
            : throw new InvalidOperationException($"App '{app.Name}' names the router '{app.Router}', which this bot does not have.");
    }
}
