using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ChatOpsRelease.FlagDemoApp;

/// <summary>
/// Configuration from a JSON document kept in one key of a ConfigMap, read through the Kubernetes API. It reads the
/// ConfigMap again every <see cref="FlagDemoSettings.ReloadInterval"/> and, when its resourceVersion changed, replaces
/// the values and raises the reload token (Microsoft.FeatureManagement then drops the flags it had read). A missing
/// ConfigMap or key is empty configuration; a failed read keeps the last values until the next one.
/// </summary>
internal sealed class ConfigMapConfigurationProvider(FlagDemoSettings settings) : ConfigurationProvider, IDisposable
{
    private readonly Kubernetes _client = new(string.IsNullOrEmpty(settings.KubeconfigPath)
        ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.KubeconfigPath));

    private readonly CancellationTokenSource _stop = new();
    private string? _version;
    private Task? _polling;

    public override void Load()
    {
        Apply(ReadAsync(CancellationToken.None).GetAwaiter().GetResult());
        _polling ??= PollAsync(_stop.Token);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(settings.ReloadInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    var map = await ReadAsync(ct);
                    if (map?.Metadata?.ResourceVersion != _version)
                    {
                        Apply(map);
                        OnReload();
                    }
                }
                catch (Exception ex) when (ex is HttpOperationException or HttpRequestException)
                {
                    // The API could not be reached or refused: keep the flags as they are and read again next time.
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<V1ConfigMap?> ReadAsync(CancellationToken ct)
    {
        try
        {
            return await _client.CoreV1.ReadNamespacedConfigMapAsync(settings.ConfigMapName, settings.Namespace, cancellationToken: ct);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private void Apply(V1ConfigMap? map)
    {
        _version = map?.Metadata?.ResourceVersion;
        Data = map?.Data is { } data && data.TryGetValue(settings.Key, out var json) && !string.IsNullOrWhiteSpace(json)
            ? Flatten(json)
            : new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The document as configuration keys (<c>FeatureManagement:beta:EnabledFor:0:Name</c>), as a JSON file would give them.</summary>
    private static Dictionary<string, string?> Flatten(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var document = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return document.AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _polling?.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        _client.Dispose();
    }
}
