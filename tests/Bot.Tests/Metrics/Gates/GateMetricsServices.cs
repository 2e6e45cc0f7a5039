using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Metrics;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>
/// <see cref="IGateMetrics"/> wired as the bot wires it (<c>AddKubernetes</c> and <c>AddMetricSources</c>) from
/// configuration, its log captured; the cluster connection is made only when a test reads restarts.
/// </summary>
internal sealed class GateMetricsServices : IAsyncDisposable
{
    public static readonly DateTimeOffset From = MetricSourceServices.From;

    public static readonly MetricWindow Window = new(From, From.AddMinutes(5), TimeSpan.FromMinutes(1));

    private readonly ServiceProvider _services;

    private GateMetricsServices(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public IGateMetrics Reader => _services.GetRequiredService<IGateMetrics>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static GateMetricsServices Build(IDictionary<string, string?> settings)
    {
        var logs = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddKubernetes(configuration);
        services.AddMetricSources(configuration);
        return new GateMetricsServices(services.BuildServiceProvider(), logs);
    }

    /// <summary>Connects to the cluster of <c>Kubernetes:KubeconfigPath</c>.</summary>
    public async Task ConnectAsync() => await _services.GetRequiredService<ClusterConnection>().ConnectAsync(CancellationToken.None);

    public async Task<MetricReading> ReadAsync(GateMetric metric, AppSpec? app = null, Release? release = null, MetricWindow? window = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Reader.ReadAsync(
            app ?? MetricSourceServices.App("prometheus"), release ?? MetricSourceServices.Release, metric, window ?? Window, timeout.Token);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
