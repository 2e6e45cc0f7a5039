using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.Metrics;

/// <summary>One metric source wired from configuration as the bot wires it, with its log captured.</summary>
internal sealed class MetricSourceServices : IAsyncDisposable
{
    public static readonly DateTimeOffset From = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private MetricSourceServices(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public IMetricSource Source => _services.GetServices<IMetricSource>().Single();

    /// <summary>checkout's release from v1.0.0 to v1.1.0, the one every source test compares.</summary>
    public static Release Release => new() { App = "checkout", Namespace = "shop", FromVersion = "v1.0.0", ToVersion = "v1.1.0" };

    /// <summary>The checkout app reading its metrics from <paramref name="source"/>.</summary>
    public static AppSpec App(string source) => new("checkout", "shop", "checkout", "checkout", null, "replicas", "production") { Metrics = source };

    /// <summary>Registers a source with <paramref name="add"/> from <paramref name="values"/>, overridden by <paramref name="settings"/>.</summary>
    public static MetricSourceServices Build(
        Dictionary<string, string?> values, IDictionary<string, string?>? settings, Action<IServiceCollection, IConfiguration> add)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        add(services, new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new MetricSourceServices(services.BuildServiceProvider(), logs);
    }

    public async Task<MetricsResult> FetchAsync(AppSpec app, MetricWindow window)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Source.FetchAsync(app, Release, window, timeout.Token);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
