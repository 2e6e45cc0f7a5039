using ChatOpsRelease.Bot;
using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The real bot host on embedded defaults (LiteDB, Hangfire SQLite, the sandbox cluster) in a temporary data
/// folder, with the terminal chat reading a script and writing into a buffer.
/// </summary>
internal sealed class BotTestHost : IAsyncDisposable
{
    private readonly StringWriter _terminal;

    private readonly bool _ownsDataDirectory;

    private BotTestHost(WebApplication app, string dataDirectory, StringWriter terminal, bool ownsDataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        _terminal = terminal;
        _ownsDataDirectory = ownsDataDirectory;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    /// <summary>The terminal's text so far.</summary>
    public string Terminal => _terminal.ToString();

    public SandboxCluster Sandbox => App.Services.GetRequiredService<ClusterConnection>().Sandbox!;

    /// <summary>The sandbox simulating the cluster called <paramref name="cluster"/> (an entry of Kubernetes:Clusters, or the main one).</summary>
    public SandboxCluster SandboxOf(string cluster) =>
        App.Services.GetRequiredService<ClusterConnection>().SandboxFor(cluster) ?? throw new ArgumentException($"No sandbox simulates '{cluster}'.", nameof(cluster));

    /// <summary>Fast timings for tests; each key may be overridden.</summary>
    public static Dictionary<string, string?> Defaults(string dataDirectory) => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Storage:DataDirectory"] = dataDirectory,
        ["Sandbox:KubeconfigPath"] = Path.Combine(dataDirectory, "sandbox.kubeconfig"),
        ["Sandbox:PodReadyDelay"] = "00:00:00.050",
        ["Jobs:QueuePollInterval"] = "00:00:00.050",
        ["Kubernetes:RolloutPollInterval"] = "00:00:00.030",
        ["Kubernetes:RolloutTimeout"] = "00:00:20",
        ["Chat:Console:WaitForJobs"] = "00:00:30",

        // appsettings.json makes everyone on the terminal an admin; tests make everyone on Slack and Teams one too.
        [$"{TestGrant}:Who:0"] = "slack:*",
        [$"{TestGrant}:Who:1"] = "teams:*",
        [$"{TestGrant}:Role"] = "admin",
    };

    /// <summary>The grant <see cref="Defaults"/> adds after appsettings.json's; left out when a test sets Access:Grants itself.</summary>
    private const string TestGrant = "Access:Grants:1";

    /// <summary>Builds the host; <paramref name="script"/> is what the terminal chat reads (one command per line).</summary>
    public static async Task<BotTestHost> CreateAsync(
        string script,
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<IServiceCollection>? replaceServices = null)
    {
        var owned = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("chatops-bot-").FullName;
        var values = Defaults(dataDirectory);
        if (settings?.Keys.Any(key => key.StartsWith("Access:Grants", StringComparison.OrdinalIgnoreCase)) == true)
        {
            values = values.Where(v => !v.Key.StartsWith(TestGrant, StringComparison.Ordinal)).ToDictionary();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var output = new StringWriter();
        var app = await BotHost.CreateAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(new StringReader(script), TextWriter.Synchronized(output), interactive: false));
            configure?.Invoke(builder);
        }, replaceServices: replaceServices);
        return new BotTestHost(app, dataDirectory, output, owned);
    }

    /// <summary>Runs until the terminal chat has read the whole script, its jobs are done and the bot stopped by itself.</summary>
    public async Task RunToEndAsync(TimeSpan? limit = null)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = App.Services.GetRequiredService<IHostApplicationLifetime>();
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await App.StartAsync();
        await stopping.Task.WaitAsync(limit ?? TimeSpan.FromSeconds(60));
        await App.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (!_ownsDataDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background thread; the temp folder is cleaned up later.
        }
    }
}
