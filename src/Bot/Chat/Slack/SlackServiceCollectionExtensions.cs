using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Chat.Slack.SocketMode;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack;

internal static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Slack, when <c>Chat:Slack</c> is configured: the Web API client, the inbox worker, replies and cards, the
    /// HTTP endpoints (mapped by <see cref="SlackEndpoints"/>) when there is a signing secret, Socket Mode when there
    /// is an app-level token.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.Section);
        services.AddOptions<SlackOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        var options = section.Get<SlackOptions>() ?? new SlackOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSlackWebApi();
        services.AddChatWorker<SlackResponder>(SlackInbound.Platform);
        services.AddSingleton<ISlackInbound, SlackInbound>();
        services.AddSingleton<IChatReplies, SlackReplies>();
        if (options.SocketModeEnabled)
        {
            services.AddSlackSocketMode();
        }

        return services;
    }
}
