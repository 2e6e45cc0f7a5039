using System.Net;
using System.Net.Http.Json;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.FlagDemoApp;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Flags;

/// <summary>
/// The demo app hosted in the test process, reading the flag ConfigMap <c>demo-flags</c> of namespace <c>flags</c>
/// from a sandbox cluster through the Kubernetes API, as an app in a real cluster would.
/// </summary>
internal sealed class FlagDemoHost : IAsyncDisposable
{
    public const string App = "demo";
    public const string Namespace = "flags";
    public const string ConfigMap = "demo-flags";

    private readonly SharedCluster _cluster;
    private readonly k8s.Kubernetes _client;
    private WebApplication? _app;

    private FlagDemoHost(SharedCluster cluster)
    {
        _cluster = cluster;
        _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig));
    }

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The sandbox's kubeconfig, for a bot that should write the flags itself.</summary>
    public string Kubeconfig => _cluster.Kubeconfig;

    /// <summary>Writes <paramref name="flags"/> into the ConfigMap, then starts the app.</summary>
    public static async Task<FlagDemoHost> StartAsync(FlagSet flags)
    {
        var host = new FlagDemoHost(await SharedCluster.StartAsync(0, TimeSpan.Zero));
        await host._client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await host.WriteAsync(flags);
        var settings = new FlagDemoSettings
        {
            KubeconfigPath = host._cluster.Kubeconfig,
            Namespace = Namespace,
            ConfigMapName = ConfigMap,
            ReloadInterval = TimeSpan.FromMilliseconds(50),
        };
        host._app = FlagDemo.Build(settings, builder => builder.WebHost.UseTestServer());
        await host._app.StartAsync();
        host.Http = host._app.GetTestClient();
        return host;
    }

    /// <summary>Puts the ConfigMap's data in place, as the bot does: <see cref="FlagDocuments.Render"/> of the set.</summary>
    public async Task WriteAsync(FlagSet flags)
    {
        var map = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ConfigMap, NamespaceProperty = Namespace },
            Data = FlagDocuments.Render(App, flags).ToDictionary(),
        };
        try
        {
            await _client.CoreV1.ReplaceNamespacedConfigMapAsync(map, ConfigMap, Namespace);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            await _client.CoreV1.CreateNamespacedConfigMapAsync(map, Namespace);
        }
    }

    /// <summary>The reference evaluation of the ConfigMap's <c>flags.json</c>, as it is stored in the cluster now.</summary>
    public async Task<PlainFlagEvaluator> ReferenceAsync() =>
        new((await _client.CoreV1.ReadNamespacedConfigMapAsync(ConfigMap, Namespace)).Data[FlagDocuments.PlainKey]);

    /// <summary>The app's answer to <c>GET /features/{feature}?user=…&amp;groups=…</c>.</summary>
    public async Task<bool> IsEnabledAsync(string feature, string? user, params string[] groups)
    {
        var query = new List<string>();
        if (user is not null)
        {
            query.Add("user=" + Uri.EscapeDataString(user));
        }

        if (groups.Length > 0)
        {
            query.Add("groups=" + Uri.EscapeDataString(string.Join(',', groups)));
        }

        var path = $"/features/{Uri.EscapeDataString(feature)}" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var answer = await Http.GetFromJsonAsync<FeatureAnswer>(path) ?? throw new InvalidOperationException($"{path} answered no body.");
        Assert.Equal(feature, answer.Feature);
        return answer.Enabled;
    }

    /// <summary>The app's answers for each of <paramref name="users"/>, in order, all with the same groups.</summary>
    public async Task<bool[]> AskEachAsync(string feature, IReadOnlyList<string> users, params string[] groups)
    {
        var answers = new bool[users.Count];
        await Parallel.ForAsync(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            answers[i] = await IsEnabledAsync(feature, users[i], groups));
        return answers;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _client.Dispose();
        await _cluster.DisposeAsync();
    }
}
