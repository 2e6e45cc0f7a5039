using ChatOpsRelease.Commands.Ports;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

internal static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// The <c>elasticsearch</c> metric source and its custom gate metrics when <c>Metrics:Elasticsearch:Url</c> is set:
    /// the options, validated at start, and the sources' own <see cref="ElasticsearchClient"/> inside an
    /// <see cref="ElasticsearchSearcher"/> (not registered on its own, so it is not mistaken for anyone else's client).
    /// </summary>
    public static IServiceCollection AddElasticsearchMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ElasticsearchOptions.Section);
        services.AddOptions<ElasticsearchOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchOptions>, ElasticsearchOptionsValidator>();
        if (!(section.Get<ElasticsearchOptions>() ?? new ElasticsearchOptions()).Enabled)
        {
            return services;
        }

        services.AddSingleton(new MetricSourceName(ElasticsearchMetricSource.SourceName));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ElasticsearchOptions>>();
            return ActivatorUtilities.CreateInstance<ElasticsearchSearcher>(provider, new Func<ElasticsearchClient>(() => CreateClient(options.Value)));
        });
        services.AddSingleton<IMetricSource, ElasticsearchMetricSource>();
        services.AddSingleton<ElasticsearchGateMetrics>();
        return services;
    }

    /// <summary>A client for <see cref="ElasticsearchOptions.Url"/> with its credentials and timeout; a failed search is an answer, not an exception.</summary>
    internal static ElasticsearchClient CreateClient(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new ElasticsearchClientSettings(new Uri(options.Url!, UriKind.Absolute))
            .RequestTimeout(options.Timeout)
            .MaximumRetries(0)
            .ThrowExceptions(false);
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrWhiteSpace(options.Username))
        {
            settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? string.Empty));
        }

        return new ElasticsearchClient(settings);
    }
}
