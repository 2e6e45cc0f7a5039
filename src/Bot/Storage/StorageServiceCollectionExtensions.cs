using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
            return services;
        }

        services.AddSingleton<LiteDbDatabase>();
        services.AddSingleton<IReleaseStore, LiteDbReleaseStore>();
        services.AddSingleton<IAuditLog, LiteDbAuditLog>();
        services.AddSingleton<IChatInbox, LiteDbChatInbox>();
        services.AddSingleton<IFreezeStore, LiteDbFreezeStore>();
        return services;
    }

    /// <summary>
    /// The Teams conversation references in the provider's database. Called after the chat adapters are added: it
    /// replaces their embedded default when the provider is PostgreSQL.
    /// </summary>
    public static IServiceCollection AddStorageForChat(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsPostgres(configuration) && services.Any(d => d.ServiceType == typeof(ITeamsConversations)))
        {
            services.Replace(ServiceDescriptor.Singleton<ITeamsConversations, PostgresTeamsConversations>());
        }

        return services;
    }

    /// <summary>Whether the configuration chooses PostgreSQL (read before the options are validated, to pick the registrations).</summary>
    public static bool IsPostgres(IConfiguration configuration) =>
        (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).IsPostgres;
}
