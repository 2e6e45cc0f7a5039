using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>Slack user groups on <see cref="FakeSlack"/>: <c>usergroups.users.list</c> answers with the members a test gave a group.</summary>
internal sealed partial class FakeSlack
{
    public const string UserGroupUsersMethod = "usergroups.users.list";

    private readonly Dictionary<string, string[]> _userGroups = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="users"/> the members of the user group <paramref name="groupId"/> (in place of any before).</summary>
    public void SetUserGroup(string groupId, params string[] users)
    {
        lock (_gate)
        {
            _userGroups[groupId] = users;
        }
    }

    /// <summary>The group's members like Slack lists them; <c>no_such_subteam</c> for a group the test did not set.</summary>
    private JsonObject UserGroupUsers(FakeSlackCall call)
    {
        if (call.Form is null || call.Field("usergroup") is not { Length: > 0 } groupId)
        {
            return Refuse("invalid_arguments");
        }

        lock (_gate)
        {
            return _userGroups.TryGetValue(groupId, out var users)
                ? new() { ["ok"] = true, ["users"] = new JsonArray([.. users.Select(user => (JsonNode)user)]) }
                : Refuse("no_such_subteam");
        }
    }
}
