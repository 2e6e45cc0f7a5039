using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// The Bot Framework Connector REST API, for the calls the bot makes: send to a conversation, reply to an activity,
/// update an activity. Tokens are only ever sent to service URLs seen in authenticated inbound activities.
/// </summary>
internal interface ITeamsConnector
{
    /// <summary><c>POST {serviceUrl}v3/conversations/{conversationId}/activities</c>; returns the new activity's id.</summary>
    Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken);

    /// <summary><c>POST …/activities/{replyToId}</c> (a reply in the activity's thread); returns the new activity's id.</summary>
    Task<string> ReplyAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken cancellationToken);

    /// <summary><c>PUT …/activities/{activityId}</c>: replaces an activity (e.g. a card) in place.</summary>
    Task UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken);
}

/// <summary>The service URLs the connector may call: those of activities that passed authentication.</summary>
internal interface ITrustedServiceUrls
{
    void Trust(string serviceUrl);

    bool IsTrusted(string serviceUrl);
}

/// <summary>
/// A connector call that did not succeed: the HTTP status and the connector's error code, in a message fit for the
/// log (never a token).
/// </summary>
internal sealed class TeamsConnectorException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
