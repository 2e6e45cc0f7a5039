using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes;

/// <summary>
/// The apps' feature flags in one cluster through KubernetesClient: the ConfigMap <see cref="AppSpec.FlagMap"/> in the
/// app's namespace. A change reads the map, computes the new flags and replaces the map with the resourceVersion it
/// read (or creates it), starting again from a fresh read when someone else wrote it meanwhile (409). Only the two keys
/// of <see cref="FlagDocuments"/> and the bot's two labels are written; other keys and labels stay as they are.
/// </summary>
internal sealed partial class KubernetesFlagMaps(IKubernetes client, KubernetesRetry retry, ILogger<KubernetesFlagMaps> logger) : IFlagMaps
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "chatops-release";
    public const string AppLabel = "chatops-release/app";

    public async Task<FlagSet> ReadAsync(AppSpec app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var map = await retry.ReadAsync($"read ConfigMap {Where(app)}", ct => TryGetAsync(app, ct), cancellationToken).ConfigureAwait(false);
        return Parse(app, map);
    }

    public Task<(FlagSet Before, FlagSet After)> ChangeAsync(AppSpec app, Func<FlagSet, FlagSet> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(change);

        // A 409 from the replace (changed meanwhile) or from the create (made meanwhile) starts again from a fresh read.
        return retry.ReplaceAsync($"write the flags to ConfigMap {Where(app)}", async ct =>
        {
            var current = await TryGetAsync(app, ct).ConfigureAwait(false);
            var before = Parse(app, current);
            var after = change(before);
            var data = FlagDocuments.Render(app.Name, after);
            if (SameData(FlagDocuments.Render(app.Name, before), data))
            {
                LogUnchanged(logger, app.Namespace, app.FlagMap);
                return (before, before);
            }

            if (current is null)
            {
                await client.CoreV1.CreateNamespacedConfigMapAsync(NewMap(app, data), app.Namespace, cancellationToken: ct).ConfigureAwait(false);
                LogWritten(logger, app.Namespace, app.FlagMap, "created", after.Flags.Count);
                return (before, after);
            }

            Update(app, current, data);
            await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, app.FlagMap, app.Namespace, cancellationToken: ct).ConfigureAwait(false);
            LogWritten(logger, app.Namespace, app.FlagMap, "replaced", after.Flags.Count);
            return (before, after);
        }, cancellationToken);
    }

    private Task<V1ConfigMap?> TryGetAsync(AppSpec app, CancellationToken cancellationToken) =>
        KubernetesErrors.NullWhenMissingAsync(client.CoreV1.ReadNamespacedConfigMapAsync(app.FlagMap, app.Namespace, cancellationToken: cancellationToken));

    /// <summary>The flags in the map (none when there is no map); a flags.json that cannot be read is never overwritten.</summary>
    private static FlagSet Parse(AppSpec app, V1ConfigMap? map)
    {
        try
        {
            return FlagDocuments.Parse(map?.Data?.AsReadOnly());
        }
        catch (FormatException ex)
        {
            throw new ClusterException(
                $"the {FlagDocuments.PlainKey} of ConfigMap {Where(app)} could not be read, so the bot leaves the map as it is: {ex.Message} "
                + $"Fix or remove the key {FlagDocuments.PlainKey} by hand.",
                ex);
        }
    }

    private static V1ConfigMap NewMap(AppSpec app, IReadOnlyDictionary<string, string> data) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = app.FlagMap, NamespaceProperty = app.Namespace, Labels = Labels(app, null) },
        Data = new Dictionary<string, string>(data, StringComparer.Ordinal),
    };

    /// <summary>Writes the two flag keys and the two labels into <paramref name="map"/>, keeping everything else.</summary>
    private static void Update(AppSpec app, V1ConfigMap map, IReadOnlyDictionary<string, string> data)
    {
        map.Metadata.Labels = Labels(app, map.Metadata.Labels);
        map.Data = map.Data is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(map.Data, StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            map.Data[key] = value;
        }
    }

    private static Dictionary<string, string> Labels(AppSpec app, IDictionary<string, string>? existing) =>
        new(existing ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ManagedByLabel] = ManagedBy,
            [AppLabel] = app.Name,
        };

    private static bool SameData(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && string.Equals(pair.Value, other, StringComparison.Ordinal));

    private static string Where(AppSpec app) => $"{app.Namespace}/{app.FlagMap}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Flags of ConfigMap {Namespace}/{Name} {Written}: {Count} flags")]
    private static partial void LogWritten(ILogger logger, string @namespace, string name, string written, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Flags of ConfigMap {Namespace}/{Name} unchanged: nothing written")]
    private static partial void LogUnchanged(ILogger logger, string @namespace, string name);
}
