using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// The Bot Framework Connector over a typed <see cref="HttpClient"/> (timeout from <see cref="TeamsOptions"/>):
/// addresses relative to the activity's service URL, which must be trusted; the activity as the JSON body; a Bearer
/// token from <see cref="IConnectorTokens"/> when there is one; throttling and gateway answers retried by
/// <see cref="ConnectorRetries"/>; sends and replies paced per conversation; failures as <see cref="TeamsConnectorException"/>.
/// </summary>
internal sealed partial class TeamsConnector(
    HttpClient http,
    ITrustedServiceUrls trusted,
    IConnectorTokens tokens,
    TeamsSendPacer pacer,
    ConnectorRetries retries,
    TimeProvider time,
    ILogger<TeamsConnector> logger) : ITeamsConnector
{
    public const string Send = "send";
    public const string Reply = "reply";
    public const string Update = "update";

    /// <summary>Gives <paramref name="client"/> the <see cref="TeamsOptions.RequestTimeout"/>; addresses are absolute, so there is no base address.</summary>
    public static void Configure(HttpClient client, TeamsOptions settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        client.Timeout = settings.RequestTimeout;
    }

    /// <summary><c>{serviceUrl}v3/conversations/{conversationId}/activities[/{activityId}]</c>, the ids escaped; null for an address that is not absolute http(s).</summary>
    public static Uri? Address(string serviceUrl, string conversationId, string? activityId)
    {
        if (TrustedServiceUrls.Normalize(serviceUrl) is not { } baseUrl)
        {
            return null;
        }

        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (activityId is not null)
        {
            path += "/" + Uri.EscapeDataString(activityId);
        }

        return new Uri(baseUrl + path, UriKind.Absolute);
    }

    public async Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken)
    {
        var call = Prepare(Send, HttpMethod.Post, serviceUrl, conversationId, activityId: null, activity);
        using (await pacer.WaitTurnAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            return (await CallAsync(call, cancellationToken).ConfigureAwait(false)).ActivityId();
        }
    }

    public async Task<string> ReplyAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyToId);
        var call = Prepare(Reply, HttpMethod.Post, serviceUrl, conversationId, replyToId, activity);
        using (await pacer.WaitTurnAsync(conversationId, cancellationToken).ConfigureAwait(false))
        {
            return (await CallAsync(call, cancellationToken).ConfigureAwait(false)).ActivityId();
        }
    }

    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var call = Prepare(Update, HttpMethod.Put, serviceUrl, conversationId, activityId, activity);
        await CallAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the arguments and that the service URL is trusted, before any wait or call.</summary>
    private ConnectorCall Prepare(string operation, HttpMethod method, string serviceUrl, string conversationId, string? activityId, JsonObject activity)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        if (Address(serviceUrl, conversationId, activityId) is not { } address)
        {
            LogUntrusted(logger, operation, serviceUrl);
            throw new TeamsConnectorException(0, "invalid_service_url", $"Refused to {operation} to Teams: the service URL '{serviceUrl}' is not an absolute http(s) address.");
        }

        if (!trusted.IsTrusted(serviceUrl))
        {
            LogUntrusted(logger, operation, serviceUrl);
            throw new TeamsConnectorException(
                0, "untrusted_service_url", $"Refused to {operation} to Teams at '{serviceUrl}': that service URL did not come with an authenticated activity.");
        }

        return new ConnectorCall(operation, method, address, conversationId, activity.ToJsonString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to {Operation} to Teams at {ServiceUrl}: not a service URL of an authenticated activity")]
    private static partial void LogUntrusted(ILogger logger, string operation, string serviceUrl);
}
