using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Commands.Ports;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Observability;

internal static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// The bot's own metrics (a registry of this host's), the audit log counted by verb and outcome, the comparison's
    /// verdicts, the jobs' durations, the chat APIs' failures and the readiness checks. Called after the storage, the jobs and the chat adapters are added.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection(ObservabilityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ObservabilityOptions>, ObservabilityOptionsValidator>();
        services.AddSingleton<BotMetrics>();
        services.Replace(ServiceDescriptor.Singleton<IAnalysisMetrics>(sp => sp.GetRequiredService<BotMetrics>()));
        services.AddSingleton<JobDurations>();
        services.Replace(ServiceDescriptor.Singleton<IJobFilterProvider, MeteredJobFilters>());
        services.AddSingleton<Readiness>();
        services.AddSingleton<QueueDepth>();
        services.Decorate<IAuditLog>((inner, sp) => new MeteredAuditLog(inner, sp.GetRequiredService<BotMetrics>()));
        if (services.Any(d => d.ServiceType == typeof(ISlackApi)))
        {
            services.Decorate<ISlackApi>((inner, sp) => new MeteredSlackApi(inner, sp.GetRequiredService<BotMetrics>()));
        }

        if (services.Any(d => d.ServiceType == typeof(ITeamsConnector)))
        {
            services.Decorate<ITeamsConnector>((inner, sp) => new MeteredTeamsConnector(inner, sp.GetRequiredService<BotMetrics>()));
        }
        return services;
    }
}
