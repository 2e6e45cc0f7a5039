using System.Collections.Concurrent;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>
/// Slack user groups (<c>slack-group:S0614TZR7</c> in a grant), read with <c>usergroups.users.list</c> and remembered
/// for <see cref="SlackGroupOptions.GroupCacheTime"/>. A check that finds no fresh answer asks Slack, one group at a
/// time, so a burst of commands asks once; a refusal or failure is thrown, never read as "not a member".
/// </summary>
internal sealed partial class SlackGroupMembership(
    ISlackUserGroups slack,
    IOptions<SlackGroupOptions> options,
    TimeProvider time,
    ILogger<SlackGroupMembership> logger) : IGroupMembership, IDisposable
{
    private readonly ConcurrentDictionary<string, Members> _groups = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _asking = new(1, 1);

    public string Platform => "slack";

    public async Task<bool> IsMemberAsync(string userId, string groupId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        var members = Fresh(groupId) ?? await AskAsync(groupId, cancellationToken).ConfigureAwait(false);
        return members.Contains(userId);
    }

    public void Dispose() => _asking.Dispose();

    private async Task<IReadOnlySet<string>> AskAsync(string groupId, CancellationToken cancellationToken)
    {
        await _asking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another check may have asked while this one waited.
            if (Fresh(groupId) is { } members)
            {
                return members;
            }

            var users = await slack.UserGroupMembersAsync(groupId, cancellationToken).ConfigureAwait(false);
            var asked = users.ToHashSet(StringComparer.Ordinal);
            _groups[groupId] = new Members(asked, time.GetUtcNow());
            LogAsked(logger, groupId, asked.Count);
            return asked;
        }
        finally
        {
            _asking.Release();
        }
    }

    private IReadOnlySet<string>? Fresh(string groupId) =>
        _groups.TryGetValue(groupId, out var known) && time.GetUtcNow() - known.At < options.Value.GroupCacheTime ? known.Users : null;

    private sealed record Members(IReadOnlySet<string> Users, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack user group {Group} has {Count} members")]
    private static partial void LogAsked(ILogger logger, string group, int count);
}
