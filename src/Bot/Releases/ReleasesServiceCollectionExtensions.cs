using ChatOpsRelease.Commands;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Releases;

internal static class ReleasesServiceCollectionExtensions
{
    /// <summary>The core's handlers, with the app catalog and release settings taken from configuration.</summary>
    public static IServiceCollection AddReleases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AppsOptions>().Configure(options => AppsOptions.Bind(configuration, options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AppsOptions>, AppsOptionsValidator>();
        services.AddOptions<ReleasesOptions>().Bind(configuration.GetSection(ReleasesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReleasesOptions>, ReleasesOptionsValidator>();

        services.AddOptions<PlansOptions>().Configure(options => PlansOptions.Load(configuration, options)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlansOptions>, PlansOptionsValidator>();

        services.AddSingleton(sp => new AppCatalog(sp.GetRequiredService<IOptions<AppsOptions>>().Value.ToSpecs()));
        services.AddSingleton(sp => new Commands.Plans.PlanCatalog(sp.GetRequiredService<IOptions<PlansOptions>>().Value.Plans));
        services.AddSingleton(sp =>
        {
            var releases = sp.GetRequiredService<IOptions<ReleasesOptions>>().Value;
            return new ReleaseSettings(releases.Ladder, releases.HistoryLimit)
            {
                RestartBakeAfterDowntime = releases.RestartBakeAfterDowntime,
            };
        });
        services.AddReleaseCommands();
        return services;
    }
}
