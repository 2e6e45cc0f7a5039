using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Commands.Ports;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with the storage provider's job storage — SQLite (<c>hangfire.db</c> in the data folder) when embedded,
    /// the PostgreSQL database (its own schema) when shared, with release locks to match — registered in the container
    /// rather than in Hangfire's global statics, a server in this process, and the release job. The settings Hangfire
    /// only keeps in statics (serializer, log provider) are the same for every host.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();

        var postgres = StorageServiceCollectionExtensions.IsPostgres(configuration);
        services.AddSingleton<JobStorage>(sp => postgres
            ? PostgresJobStorage.Create(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IOptions<JobsOptions>>().Value)
            : SqliteJobStorage(sp));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLogBridge.Attach(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });

        if (postgres)
        {
            services.AddSingleton<IReleaseLocks, PostgresReleaseLocks>();
        }
        else
        {
            services.AddSingleton<IReleaseLocks, InProcessReleaseLocks>();
        }

        services.AddSingleton<IReleaseJobs, HangfireReleaseJobs>();
        services.AddTransient<ReleaseJob>();
        services.AddTransient<WatchJob>();
        services.AddTransient<ApprovalExpiryJob>();
        services.AddTransient<FlagJob>();
        services.AddTransient<PromotionTimerJob>();
        services.AddHostedService<OpenStepsRecovery>();
        return services;
    }

    private static JobStorage SqliteJobStorage(IServiceProvider sp)
    {
        var folder = sp.GetRequiredService<IOptions<StorageOptions>>().Value.FullDataDirectory;
        Directory.CreateDirectory(folder);
        var options = new SQLiteStorageOptions { QueuePollInterval = sp.GetRequiredService<IOptions<JobsOptions>>().Value.QueuePollInterval };
        return new SQLiteStorage(Path.Combine(folder, "hangfire.db"), options);
    }
}
