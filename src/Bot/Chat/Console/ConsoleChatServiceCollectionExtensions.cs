using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Console;

internal static class ConsoleChatServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleChatOptions>().Bind(configuration.GetSection(ConsoleChatOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleChatOptions>, ConsoleChatOptionsValidator>();
        services.TryAddSingleton(_ => ConsoleIo.FromProcess());
        services.AddSingleton<IChatReplies, ConsoleReplies>();
        services.AddSingleton<ConsoleCharts>();
        if (configuration.GetSection(ConsoleChatOptions.Section).GetValue(nameof(ConsoleChatOptions.Enabled), true))
        {
            services.AddHostedService<ConsoleChat>();
        }

        return services;
    }
}
