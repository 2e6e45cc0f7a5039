using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Outbox;

internal static class ChatOutboxServiceCollectionExtensions
{
    /// <summary>
    /// Puts the outbox in front of every chat platform registered so far except the terminal (which cannot be down), and
    /// starts the worker that posts its replies. Call after the platforms are added.
    /// </summary>
    public static IServiceCollection AddChatOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        if (Storage.StorageServiceCollectionExtensions.IsPostgres(configuration))
        {
            services.AddSingleton<IChatOutbox, PostgresChatOutbox>();
        }
        else
        {
            services.AddSingleton<IChatOutbox, LiteDbChatOutbox>();
        }

        services.AddSingleton<OutboxSignal>();
        foreach (var platform in services.Where(d => d.ServiceType == typeof(IChatReplies)).ToList())
        {
            services.Remove(platform);
            services.AddSingleton<IChatReplies>(sp =>
            {
                var inner = (IChatReplies)(platform.ImplementationInstance
                    ?? platform.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, platform.ImplementationType!));
                if (inner.Platform == Console.ConsoleReplies.PlatformName)
                {
                    return inner;
                }

                return new OutboxReplies(inner, sp.GetRequiredService<IChatOutbox>(), sp.GetRequiredService<OutboxSignal>(), sp.GetRequiredService<TimeProvider>());
            });
        }

        services.AddHostedService<ChatOutboxWorker>();
        return services;
    }
}
