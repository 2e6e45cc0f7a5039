namespace ChatOpsRelease.Commands.Ports;

/// <summary>
/// Whether a chat user belongs to a group of their platform (a Slack user group), for access grants that name groups.
/// One implementation per platform that has groups; a platform without one has no group grants.
/// </summary>
public interface IGroupMembership
{
    /// <summary>The platform, matching <see cref="Actor.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>True when <paramref name="userId"/> is a member of <paramref name="groupId"/>; throws when the platform cannot tell.</summary>
    Task<bool> IsMemberAsync(string userId, string groupId, CancellationToken cancellationToken);
}
