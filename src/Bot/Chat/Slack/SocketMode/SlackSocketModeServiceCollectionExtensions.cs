using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.SocketMode;

internal static class SlackSocketModeServiceCollectionExtensions
{
    /// <summary>
    /// Receives Slack's deliveries over Socket Mode. Needs <c>ISlackApi</c>, <see cref="ISlackInbound"/> and
    /// <see cref="SlackOptions"/>; the host calls it when <see cref="SlackOptions.SocketModeEnabled"/>.
    /// </summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services)
    {
        services.AddOptions<SlackSocketModeOptions>().BindConfiguration(SlackSocketModeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackSocketModeOptions>, SlackSocketModeOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SlackSocketModeService>();
        return services;
    }
}
