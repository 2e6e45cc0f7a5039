using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Access;

/// <summary>
/// Answers "may this person do this to this app?" from the access policy: a person's role for an app is the highest
/// role of the grants that name them (directly, through a platform group, or by a wildcard) and cover the app and its
/// environment. A group that cannot be looked up counts as not containing the person.
/// </summary>
public sealed partial class AccessGate(AccessPolicy policy, IEnumerable<IGroupMembership> groups, ILogger<AccessGate> logger)
{
    private readonly Dictionary<string, IGroupMembership> _groups = groups.ToDictionary(g => g.Platform + "-group", StringComparer.OrdinalIgnoreCase);

    /// <summary>The person's role for the app (null: for any app — the highest role any grant gives them).</summary>
    public async Task<Role> RoleOfAsync(Actor actor, AppSpec? app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var best = Role.None;
        foreach (var grant in policy.Grants.Where(g => g.Role > best && (app is null || g.CoversApp(app.Name, app.Environment))))
        {
            if (await NamesAsync(grant, actor, cancellationToken).ConfigureAwait(false))
            {
                best = grant.Role;
            }
        }

        return best;
    }

    /// <summary>Null when the person has <paramref name="needed"/> for the app; else the sentence that refuses them.</summary>
    public async Task<string?> CheckAsync(Actor actor, Role needed, AppSpec? app, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (needed == Role.None)
        {
            return null;
        }

        var role = await RoleOfAsync(actor, app, cancellationToken).ConfigureAwait(false);
        if (role >= needed)
        {
            return null;
        }

        var where = app is null ? "for any app" : $"for {app.Name} ({app.Environment})";
        var has = role == Role.None ? "no role there" : $"the {Name(role)} role";
        return $"{actor.DisplayName}, {what} needs the {Name(needed)} role {where}, and you have {has}. Nothing was changed; "
            + "an admin can grant it in the bot's access policy (`Access:Grants`).";
    }

    /// <summary>
    /// The identities on <paramref name="platform"/> (and wildcards) the policy gives at least <paramref name="role"/> for
    /// the app, for telling who may approve.
    /// </summary>
    public IReadOnlyList<string> Holders(Role role, AppSpec app, string platform)
    {
        ArgumentNullException.ThrowIfNull(app);
        return policy.Grants.Where(g => g.Role >= role && g.CoversApp(app.Name, app.Environment))
            .SelectMany(g => g.Who)
            .Where(w => w == "*" || w.StartsWith(platform + ":", StringComparison.OrdinalIgnoreCase) || w.StartsWith(platform + "-group:", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    private async Task<bool> NamesAsync(AccessGrant grant, Actor actor, CancellationToken cancellationToken)
    {
        foreach (var who in grant.Who)
        {
            if (who == "*")
            {
                return true;
            }

            var cut = who.IndexOf(':', StringComparison.Ordinal);
            if (cut <= 0)
            {
                continue;
            }

            var (kind, id) = (who[..cut], who[(cut + 1)..]);
            if (string.Equals(kind, actor.Platform, StringComparison.OrdinalIgnoreCase)
                && (id == "*" || string.Equals(id, actor.Id, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (string.Equals(kind, actor.Platform + "-group", StringComparison.OrdinalIgnoreCase)
                && await InGroupAsync(kind, id, actor, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> InGroupAsync(string kind, string group, Actor actor, CancellationToken cancellationToken)
    {
        if (!_groups.TryGetValue(kind, out var membership))
        {
            return false;
        }

        try
        {
            return await membership.IsMemberAsync(actor.Id, group, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGroupUnknown(logger, group, actor.ToString(), ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell whether {Actor} is in group {Group}; the grant is not applied")]
    private static partial void LogGroupUnknown(ILogger logger, string group, string actor, Exception exception);
}
