using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

internal static class SlackWebApiServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ISlackApi"/> as a typed <see cref="HttpClient"/> configured from <see cref="SlackOptions"/> (bound
    /// elsewhere), with the per-channel post pacer shared by every instance. Header values are redacted from the
    /// HTTP client's own logs, so tokens never reach them.
    /// </summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackPostPacer>();
        services.AddHttpClient<ISlackApi, SlackWebApi>((provider, client) =>
                SlackWebApi.Configure(client, provider.GetRequiredService<IOptions<SlackOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        return services;
    }
}
