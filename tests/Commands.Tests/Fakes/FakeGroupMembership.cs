using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Slack user groups as a dictionary of group id → member ids; a group named in <see cref="Broken"/> cannot be looked up.</summary>
internal sealed class FakeGroupMembership : IGroupMembership
{
    public string Platform => "slack";

    public Dictionary<string, HashSet<string>> Groups { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Broken { get; } = [];

    public Task<bool> IsMemberAsync(string userId, string groupId, CancellationToken cancellationToken) =>
        Broken.Contains(groupId)
            ? throw new InvalidOperationException($"group {groupId} cannot be read")
            : Task.FromResult(Groups.TryGetValue(groupId, out var members) && members.Contains(userId));
}
