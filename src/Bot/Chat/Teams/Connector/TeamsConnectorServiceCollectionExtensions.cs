using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

internal static class TeamsConnectorServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ITeamsConnector"/> as a typed <see cref="HttpClient"/> configured from <see cref="TeamsOptions"/>
    /// (bound elsewhere), with the trusted service URLs, the token provider (its MSAL application and token cache),
    /// the retry pipeline and the per-conversation pacer as singletons. MSAL's token requests go through the named
    /// client <see cref="MsalHttpClients.Name"/>. Header values are redacted from both clients' logs, so tokens never
    /// reach them, and the connector client follows no redirects (a token goes only where it was addressed).
    /// </summary>
    public static IServiceCollection AddTeamsConnector(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();
        services.TryAddSingleton<IConnectorTokens, ConnectorTokenProvider>();
        services.TryAddSingleton<TeamsSendPacer>();
        services.TryAddSingleton<ConnectorRetries>();
        services.AddHttpClient(MsalHttpClients.Name, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<TeamsOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        services.AddHttpClient<ITeamsConnector, TeamsConnector>((provider, client) =>
                TeamsConnector.Configure(client, provider.GetRequiredService<IOptions<TeamsOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        return services;
    }
}
