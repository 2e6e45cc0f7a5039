namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>Bearer tokens for calls to the Bot Framework Connector.</summary>
internal interface IConnectorTokens
{
    /// <summary>
    /// A token for the connector (cached, and renewed before it expires), or null when the bot runs unauthenticated
    /// for a local emulator and has no credential. A failure is a <see cref="TeamsConnectorException"/>.
    /// </summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
