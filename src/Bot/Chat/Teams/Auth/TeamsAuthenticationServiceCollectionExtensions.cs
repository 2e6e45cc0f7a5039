using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Teams.Auth;

internal static class TeamsAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ITeamsAuthenticator"/> for inbound Bot Framework requests, with the signing keys it checks them
    /// against (<see cref="TeamsSigningKeys"/>, one per process) and the named <see cref="HttpClient"/>
    /// <c>teams-metadata</c> they are fetched with (timeout <see cref="TeamsOptions.RequestTimeout"/>).
    /// <see cref="TeamsOptions"/> is bound elsewhere. Registered with TryAdd, so a test can put its own in first.
    /// </summary>
    public static IServiceCollection AddTeamsAuthentication(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TeamsSigningKeys.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<TeamsOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<TeamsSigningKeys>();
        services.TryAddSingleton<ITeamsAuthenticator, BotFrameworkAuthenticator>();
        return services;
    }
}
