using ChatOpsRelease.Bot.Chat.Teams.Auth;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Teams;

internal static partial class TeamsServiceCollectionExtensions
{
    /// <summary>Microsoft Teams, when <c>Chat:Teams</c> is configured: authentication, the connector, cards, the worker.</summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TeamsOptions.Section);
        services.AddOptions<TeamsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        if (!(section.Get<TeamsOptions>() ?? new TeamsOptions()).Enabled)
        {
            return services;
        }

        services.AddTeamsAuthentication();
        services.AddTeamsConnector();
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<IChatReplies>(sp => sp.GetRequiredService<TeamsReplies>());
        services.AddChatWorker<TeamsResponder>(TeamsActivity.Platform);
        services.AddSingleton<TeamsExecute>();
        services.AddSingleton<TeamsInbound>();
        services.AddHostedService<TeamsStartupNotice>();
        return services;
    }
}

/// <summary>Says, loudly, when Teams requests are accepted without authentication.</summary>
internal sealed partial class TeamsStartupNotice(IOptions<TeamsOptions> options, ILogger<TeamsStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AllowUnauthenticated)
        {
            LogUnauthenticated(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Chat:Teams:AllowUnauthenticated is ON: requests to /api/messages are accepted WITHOUT a token and the connector is called without one. Use this only with a local emulator, never where Teams can reach the bot.")]
    private static partial void LogUnauthenticated(ILogger logger);
}
