using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<LiteDbDatabase>();
        services.AddSingleton<IReleaseStore, LiteDbReleaseStore>();
        services.AddSingleton<IAuditLog, LiteDbAuditLog>();
        services.AddSingleton<IChatInbox, LiteDbChatInbox>();
        services.AddSingleton<IFreezeStore, LiteDbFreezeStore>();
        return services;
    }
}
