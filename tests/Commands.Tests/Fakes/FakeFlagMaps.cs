using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>
/// The apps' flag ConfigMaps of one cluster, kept as the data the real adapter writes (so every change goes through
/// <see cref="FlagDocuments.Render"/> and <see cref="FlagDocuments.Parse"/>), with a count of writes.
/// </summary>
internal sealed class FakeFlagMaps : IFlagMaps
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _maps = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many times a ConfigMap was written.</summary>
    public int Writes { get; private set; }

    /// <summary>When set, reads and writes throw it (the cluster does not answer).</summary>
    public ClusterException? Failure { get; set; }

    /// <summary>The data of the ConfigMap named <paramref name="name"/> in <paramref name="ns"/>, or null.</summary>
    public IReadOnlyDictionary<string, string>? Data(string ns, string name)
    {
        lock (_gate)
        {
            return _maps.GetValueOrDefault($"{ns}/{name}");
        }
    }

    public FeatureFlag? Flag(AppSpec app, string name) => FlagDocuments.Parse(Data(app.Namespace, app.FlagMap)).Find(name);

    public Task<FlagSet> ReadAsync(AppSpec app, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Failure is not null ? throw Failure : Task.FromResult(FlagDocuments.Parse(_maps.GetValueOrDefault(Key(app))));
        }
    }

    public Task<(FlagSet Before, FlagSet After)> ChangeAsync(AppSpec app, Func<FlagSet, FlagSet> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            var before = FlagDocuments.Parse(_maps.GetValueOrDefault(Key(app)));
            var after = change(before);
            var data = FlagDocuments.Render(app.Name, after);
            if (_maps.TryGetValue(Key(app), out var old) && old[FlagDocuments.PlainKey] == data[FlagDocuments.PlainKey])
            {
                return Task.FromResult((before, before));
            }

            _maps[Key(app)] = data;
            Writes++;
            return Task.FromResult((before, after));
        }
    }

    private static string Key(AppSpec app) => $"{app.Namespace}/{app.FlagMap}";
}
