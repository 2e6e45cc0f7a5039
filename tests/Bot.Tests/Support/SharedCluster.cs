using System.Globalization;
using ChatOpsRelease.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// One simulated cluster in the test process with apps <c>app01</c>…<c>appNN</c> (4 pods of v1 each, replica router),
/// and the settings with which several bot replicas share it and one PostgreSQL database.
/// </summary>
internal sealed class SharedCluster : IAsyncDisposable
{
    private readonly string _folder;

    private SharedCluster(SandboxCluster sandbox, string folder, string kubeconfig, int apps)
    {
        (Sandbox, _folder, Kubeconfig, Apps) = (sandbox, folder, kubeconfig, apps);
    }

    public SandboxCluster Sandbox { get; }

    public string Kubeconfig { get; }

    public int Apps { get; }

    public static string App(int n) => $"app{n.ToString("00", CultureInfo.InvariantCulture)}";

    public static async Task<SharedCluster> StartAsync(int apps, TimeSpan podReadyDelay)
    {
        var sandbox = await SandboxCluster.StartAsync(new SandboxOptions { PodReadyDelay = podReadyDelay }, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        await sandbox.SeedAsync(
            Enumerable.Range(1, apps).Select(n => new SandboxWorkload("shop", App(n), 4, $"registry.example/{App(n)}:v1", App(n))).ToList(),
            CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("chatops-shared-").FullName;
        return new SharedCluster(sandbox, folder, sandbox.WriteKubeconfig(Path.Combine(folder, "kubeconfig")), apps);
    }

    /// <summary>A replica's settings (configuration keys with <c>:</c>) on this cluster and <paramref name="database"/>.</summary>
    public Dictionary<string, string?> Settings(string database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:Postgres:ConnectionString"] = database,
            ["Kubernetes:Source"] = "kubeconfig",
            ["Kubernetes:KubeconfigPath"] = Kubeconfig,
            ["Kubernetes:ClusterName"] = "shared",
            ["Kubernetes:RolloutPollInterval"] = "00:00:00.030",
            ["Kubernetes:RolloutTimeout"] = "00:00:30",
            ["Jobs:QueuePollInterval"] = "00:00:00.050",
        };
        for (var n = 1; n <= Apps; n++)
        {
            foreach (var (key, value) in new[] { ("Namespace", "shop"), ("Deployment", App(n)), ("Service", App(n)), ("Router", "replicas"), ("Environment", "staging") })
            {
                settings[$"Apps:{App(n)}:{key}"] = value;
            }
        }

        return settings;
    }

    /// <summary>The same settings as environment variables, for a bot process.</summary>
    public Dictionary<string, string> Environment(string database, string dataFolder)
    {
        var environment = Settings(database).Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Urls"] = environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        environment["Storage__DataDirectory"] = dataFolder;
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
