using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Metrics.Elasticsearch;
using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Bot.Metrics.Sandbox;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Metrics;

/// <summary>The name of a metric source this bot has, so the app settings can be checked against it at start.</summary>
internal sealed record MetricSourceName(string Name);

internal static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// The metric sources: <c>sandbox</c> always, <c>prometheus</c> and <c>elasticsearch</c> when their <c>Url</c> is set.
    /// Each app picks one by name (<c>Apps:&lt;app&gt;:Metrics</c>, else the default in <see cref="Releases.AppsOptions.DefaultMetrics"/>).
    /// And the gate metrics besides errors (<see cref="GateMetricsReader"/>): Prometheus, the Kubernetes API, Elasticsearch.
    /// </summary>
    public static IServiceCollection AddMetricSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new MetricSourceName(SandboxMetricSource.SourceName));
        services.AddSingleton<IMetricSource, SandboxMetricSource>();
        services.AddPrometheusMetrics(configuration);
        services.AddElasticsearchMetrics(configuration);
        services.AddSingleton(provider => PodRestarts.On(provider.GetRequiredService<ClusterConnection>(), provider.GetRequiredService<KubernetesRetry>()));
        services.AddSingleton<IGateMetrics, GateMetricsReader>();
        return services;
    }
}
