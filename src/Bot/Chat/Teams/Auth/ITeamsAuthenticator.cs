namespace ChatOpsRelease.Bot.Chat.Teams.Auth;

/// <summary>The verdict on an inbound request: who sent it, or why it is refused (for the log and the audit; never a token).</summary>
internal sealed record TeamsAuthResult(bool Authenticated, string? Problem, string? AppId)
{
    public static TeamsAuthResult Refuse(string problem) => new(false, problem, null);
}

/// <summary>
/// Checks the Bearer JWT of an inbound Bot Framework request: signed by a key from the configured OpenID metadata
/// (keys cached, fetched again when an unknown key id appears), the expected issuer, audience = the bot's app id,
/// lifetime with 5 minutes' skew, the key endorses the activity's channel, and the token's <c>serviceurl</c> claim
/// matches the activity's <c>serviceUrl</c>.
/// </summary>
internal interface ITeamsAuthenticator
{
    Task<TeamsAuthResult> AuthenticateAsync(string? authorization, string channelId, string serviceUrl, CancellationToken cancellationToken);
}
