using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

internal static class PrometheusServiceCollectionExtensions
{
    /// <summary>
    /// The <c>prometheus</c> metric source (and its resource, availability and custom gate metrics) when <c>Metrics:Prometheus:Url</c> is set: the options (with the apps' own
    /// queries from <c>Apps:&lt;app&gt;:Prometheus</c>), validated at start, and a typed <see cref="HttpClient"/>.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PrometheusOptions.Section);
        services.AddOptions<PrometheusOptions>()
            .Bind(section)
            .Configure(options => BindAppQueries(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>();
        if (!(section.Get<PrometheusOptions>() ?? new PrometheusOptions()).Enabled)
        {
            return services;
        }

        services.AddHttpClient<PrometheusApi>((provider, client) =>
                PrometheusApi.Configure(client, provider.GetRequiredService<IOptions<PrometheusOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        services.AddSingleton(new MetricSourceName(PrometheusMetricSource.SourceName));
        services.AddSingleton<IMetricSource, PrometheusMetricSource>();
        services.AddSingleton<PrometheusGateMetrics>();
        return services;
    }

    /// <summary>Each <c>Apps:&lt;app&gt;:Prometheus</c> section that exists becomes that app's own queries.</summary>
    private static void BindAppQueries(IConfiguration configuration, PrometheusOptions options)
    {
        foreach (var app in configuration.GetSection("Apps").GetChildren())
        {
            var own = app.GetSection("Prometheus");
            if (own.Exists())
            {
                options.AppQueries[app.Key] = own.Get<PrometheusQueries>() ?? new PrometheusQueries();
            }
        }
    }
}
