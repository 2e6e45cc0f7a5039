using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Chat.Slack.Api;

/// <summary>The Slack Web API's user groups, for access grants that name a group.</summary>
internal interface ISlackUserGroups
{
    /// <summary><c>usergroups.users.list</c> with the bot token (scope <c>usergroups:read</c>): the user ids of the group's members.</summary>
    Task<IReadOnlyList<string>> UserGroupMembersAsync(string groupId, CancellationToken cancellationToken);
}

internal sealed partial class SlackWebApi : ISlackUserGroups
{
    public const string UserGroupUsers = "usergroups.users.list";

    public async Task<IReadOnlyList<string>> UserGroupMembersAsync(string groupId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        var fields = new Dictionary<string, string> { ["usergroup"] = groupId };
        var answer = await CallAsync(UserGroupUsers, () => new FormUrlEncodedContent(fields), BotToken(UserGroupUsers), channel: null, cancellationToken)
            .ConfigureAwait(false);
        if (answer["users"] is not JsonArray users)
        {
            throw new SlackApiException(UserGroupUsers, "invalid_response", $"Slack answered {UserGroupUsers} without 'users'.");
        }

        return [.. users.Select(user => user is JsonValue value && value.TryGetValue<string>(out var id) ? id : null).OfType<string>()];
    }
}
