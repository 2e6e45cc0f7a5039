using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The stores of <c>Storage:Provider</c>: embedded LiteDB files, or a PostgreSQL database (migrated at start).</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        if (IsPostgres(configuration))
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<PostgresPresence>();
            services.AddHostedService<PostgresStartup>();
            services.AddSingleton<IReleaseStore, PostgresReleaseStore>();
            services.AddSingleton<IAuditLog, PostgresAuditLog>();
            services.AddSingleton<IChatInbox, PostgresChatInbox>();
            services.AddSingleton<IFreezeStore, PostgresFreezeStore>();
            services.AddSingleton<IFlagChangeStore, PostgresFlagChangeStore>();
            services.AddSingleton<ITeamsConversations, PostgresTeamsConversations>();
            return services;
        }

        services.AddSingleton<LiteDbDatabase>();
        services.AddSingleton<IReleaseStore, LiteDbReleaseStore>();
        services.AddSingleton<IAuditLog, LiteDbAuditLog>();
        services.AddSingleton<IChatInbox, LiteDbChatInbox>();
        services.AddSingleton<IFreezeStore, LiteDbFreezeStore>();
        services.AddSingleton<IFlagChangeStore, LiteDbFlagChangeStore>();
        services.AddSingleton<ITeamsConversations, LiteDbTeamsConversations>();
        return services;
    }

    /// <summary>Whether the configuration chooses PostgreSQL (read before the options are validated, to pick the registrations).</summary>
    public static bool IsPostgres(IConfiguration configuration) =>
        (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).IsPostgres;
}
