namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>What the bot must remember about a Teams conversation to speak in it later: where its service lives.</summary>
internal sealed record TeamsConversation(string Id, string ServiceUrl, string? TenantId, string? Type, string? BotId, DateTimeOffset? GreetedAt);

/// <summary>The conversation references the bot has seen, kept across restarts.</summary>
internal interface ITeamsConversations
{
    /// <summary>Records (or refreshes) a conversation's reference; returns it as stored, greeting time included.</summary>
    Task<TeamsConversation> RememberAsync(TeamsConversation conversation, CancellationToken cancellationToken);

    Task<TeamsConversation?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks the conversation greeted; false when it was already (so the greeting goes out once).</summary>
    Task<bool> MarkGreetedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
