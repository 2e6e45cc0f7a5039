using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bot.Kubernetes.Routers;

/// <summary>
/// The NGINX Ingress canary: an Ingress <c>&lt;ingress&gt;-canary</c> mirroring the stable one's hosts, paths and TLS,
/// sending to the canary Service, with the <c>nginx.ingress.kubernetes.io/canary*</c> annotations for the weight and the
/// user rules. Changes are worked out annotation by annotation; replaces carry the resourceVersion and retry on 409.
/// </summary>
internal sealed class NginxCanaryIngress(IKubernetes client, KubernetesRetry retry) : IPreviewRoute
{
    public const string Prefix = "nginx.ingress.kubernetes.io/";
    public const string Canary = Prefix + "canary";
    public const string Weight = Prefix + "canary-weight";
    public const string ByHeader = Prefix + "canary-by-header";
    public const string ByHeaderValue = Prefix + "canary-by-header-value";
    public const string ByCookie = Prefix + "canary-by-cookie";

    private static readonly string[] Managed = [Canary, Weight, ByHeader, ByHeaderValue, ByCookie];

    public static string Name(AppSpec app) => $"{app.Entry}-canary";

    /// <summary>The canary annotations for a weight and rules (at most one header and one cookie rule).</summary>
    public static Dictionary<string, string> Annotations(int weight, IReadOnlyList<RouteRule> rules)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [Canary] = "true", [Weight] = weight.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (rules.FirstOrDefault(r => r.Kind == RouteRuleKind.Header) is { } header)
        {
            (annotations[ByHeader], annotations[ByHeaderValue]) = (header.Name, header.Value ?? string.Empty);
        }

        if (rules.FirstOrDefault(r => r.Kind == RouteRuleKind.Cookie) is { } cookie)
        {
            annotations[ByCookie] = cookie.Name;
        }

        return annotations;
    }

    /// <summary>Brings the canary Ingress to the weight and rules (creating it from the stable Ingress when missing).</summary>
    public async Task<IReadOnlyList<ClusterChange>> SetAsync(AppSpec app, int weight, IReadOnlyList<RouteRule> rules, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var wanted = Annotations(weight, rules);
        var current = await ReadAsync(app.Namespace, Name(app), cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            var stable = await ReadAsync(app.Namespace, app.Entry, cancellationToken).ConfigureAwait(false)
                ?? throw new ClusterException($"the Ingress {app.Namespace}/{app.Entry} does not exist, so there is nothing for the NGINX canary to mirror (see Apps:{app.Name}:Entry).");
            var canary = Mirror(app, stable, wanted);
            if (mode == ChangeMode.Apply)
            {
                await retry.CreateAsync($"create Ingress {app.Namespace}/{Name(app)}",
                    ct => GetAsync(app.Namespace, Name(app), ct),
                    ct => client.NetworkingV1.CreateNamespacedIngressAsync(canary, app.Namespace, cancellationToken: ct),
                    cancellationToken).ConfigureAwait(false);
            }

            return [new ClusterChange(Object(app), "(object)", null, $"mirrors {app.Entry} to Service {app.CanaryService}; {Describe(wanted)}")];
        }

        var changes = Managed
            .Select(key => (key, old: Annotation(current.Metadata.Annotations, key), now: wanted.GetValueOrDefault(key)))
            .Where(a => a.old != a.now)
            .Select(a => new ClusterChange(Object(app), $"metadata.annotations[{a.key}]", a.old, a.now))
            .ToList();
        if (mode == ChangeMode.Apply && changes.Count > 0)
        {
            await retry.ReplaceAsync($"update Ingress {app.Namespace}/{Name(app)}", async ct =>
            {
                var latest = await client.NetworkingV1.ReadNamespacedIngressAsync(Name(app), app.Namespace, cancellationToken: ct).ConfigureAwait(false);
                latest.Metadata.Annotations = Merge(latest.Metadata.Annotations, wanted);
                return await client.NetworkingV1.ReplaceNamespacedIngressAsync(latest, Name(app), app.Namespace, cancellationToken: ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    /// <summary>The canary Ingress with weight 0, sending only the requests that match <paramref name="rule"/>.</summary>
    public Task<IReadOnlyList<ClusterChange>> PreviewAsync(AppSpec app, RouteRule rule, ChangeMode mode, CancellationToken cancellationToken) =>
        SetAsync(app, 0, [rule], mode, cancellationToken);

    /// <summary>Deletes the canary Ingress when it exists.</summary>
    public async Task<IReadOnlyList<ClusterChange>> RemoveAsync(AppSpec app, ChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (await ReadAsync(app.Namespace, Name(app), cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return [];
        }

        if (mode == ChangeMode.Apply)
        {
            await retry.DeleteAsync($"delete Ingress {app.Namespace}/{Name(app)}",
                ct => client.NetworkingV1.DeleteNamespacedIngressAsync(Name(app), app.Namespace, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }

        return [new ClusterChange(Object(app), "(object)", Describe(current.Metadata.Annotations ?? new Dictionary<string, string>()), null)];
    }

    private static V1Ingress Mirror(AppSpec app, V1Ingress stable, Dictionary<string, string> annotations)
    {
        var canary = KubernetesJson.Deserialize<V1Ingress>(KubernetesJson.Serialize(stable));
        canary.Status = null;
        canary.Metadata = new V1ObjectMeta
        {
            Name = Name(app),
            NamespaceProperty = app.Namespace,
            Labels = CanaryManifest.WithTrack(stable.Metadata?.Labels, "canary"),
            Annotations = Merge(new Dictionary<string, string> { [CanaryManifest.CanaryOfAnnotation] = app.Entry }, annotations),
        };
        foreach (var path in canary.Spec.Rules?.SelectMany(r => r.Http?.Paths ?? []) ?? [])
        {
            if (path.Backend?.Service?.Name == app.Service)
            {
                path.Backend.Service.Name = app.CanaryService;
            }
        }

        if (canary.Spec.DefaultBackend?.Service?.Name == app.Service)
        {
            canary.Spec.DefaultBackend.Service.Name = app.CanaryService;
        }

        return canary;
    }

    /// <summary>The annotations with every canary annotation replaced by <paramref name="wanted"/> (absent ones removed).</summary>
    private static Dictionary<string, string> Merge(IDictionary<string, string>? annotations, Dictionary<string, string> wanted)
    {
        var merged = new Dictionary<string, string>(annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var key in Managed)
        {
            merged.Remove(key);
        }

        foreach (var (key, value) in wanted)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static string Describe(IDictionary<string, string> annotations) =>
        string.Join(", ", Managed.Where(annotations.ContainsKey).Select(k => $"{k[Prefix.Length..]}={annotations[k]}"));

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var value) ? value : null;

    private static string Object(AppSpec app) => $"Ingress {app.Namespace}/{Name(app)}";

    private Task<V1Ingress?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        retry.ReadAsync($"read Ingress {@namespace}/{name}", ct => GetAsync(@namespace, name, ct), cancellationToken);

    /// <summary>One attempt to read an Ingress: null when it does not exist.</summary>
    private Task<V1Ingress?> GetAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        KubernetesErrors.NullWhenMissingAsync(client.NetworkingV1.ReadNamespacedIngressAsync(name, @namespace, cancellationToken: cancellationToken));
}
