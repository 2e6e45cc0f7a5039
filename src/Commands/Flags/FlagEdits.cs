using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>What a <see cref="FlagSetting"/> makes of a flag, and how a flag reads in chat.</summary>
public static class FlagEdits
{
    /// <summary>
    /// The flag after <paramref name="setting"/>; <paramref name="end"/> is the setting's end resolved to an instant (null: none given).
    /// An audience emptied of its last user or group keeps a share of 0%, so it never widens to everyone by itself.
    /// </summary>
    public static FeatureFlag Apply(FeatureFlag flag, FlagSetting setting, DateTimeOffset? end, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(setting);
        var live = flag.IsOffAt(now) ? FeatureFlag.Off(flag.Name) : flag;
        var until = end is { } e ? Whole(e) : live.Until;
        var next = setting.Kind switch
        {
            FlagChangeKind.On => FeatureFlag.Off(flag.Name) with { Enabled = true, Until = until },
            FlagChangeKind.Off => FeatureFlag.Off(flag.Name),
            FlagChangeKind.RequestPercentage => FeatureFlag.Off(flag.Name) with { Enabled = true, RequestPercentage = setting.Percentage, Until = until },
            FlagChangeKind.Percentage => live with { Enabled = true, Percentage = setting.Percentage, RequestPercentage = null, Until = until },
            FlagChangeKind.Users => live with { Enabled = true, Users = setting.Users ?? [], RequestPercentage = null, Until = until },
            FlagChangeKind.Groups => live with { Enabled = true, Groups = setting.Groups ?? [], RequestPercentage = null, Until = until },
            _ => live with { Until = until },
        };
        if (setting.Kind is FlagChangeKind.Users or FlagChangeKind.Groups && !next.HasAudience)
        {
            next = next with { Percentage = 0 };
        }

        return next with { ChangedBy = by, ChangedAt = now };
    }

    /// <summary>The end a setting names, as an instant (a clock time read in <paramref name="zone"/> unless it names one); an error when it cannot be.</summary>
    public static string? ResolveEnd(FlagSetting setting, DateTimeOffset now, string zone, out DateTimeOffset? end)
    {
        ArgumentNullException.ThrowIfNull(setting);
        end = null;
        if (setting.End is not { } when)
        {
            return null;
        }

        if (when.Resolve(now, zone, out var error) is not { } resolved)
        {
            return error;
        }

        end = resolved.At;
        return null;
    }

    /// <summary>Why <paramref name="setting"/> cannot apply to <paramref name="flag"/>, or null.</summary>
    public static string? Problem(string app, FeatureFlag flag, FlagSetting setting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Kind == FlagChangeKind.End && flag.IsOffAt(now)
            ? $"{app}: {flag.Name} is off, so there is nothing to end; say `flag {app} {flag.Name} on for …` (or a share, users or groups) to turn it on for a while."
            : null;
    }

    /// <summary>"off", "on for everyone", "on for 30% of users and users alice, bob until 27 Nov 14:00 UTC".</summary>
    public static string Describe(FeatureFlag flag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (!flag.Enabled)
        {
            return "off";
        }

        if (flag.Until is { } ended && now >= ended)
        {
            return $"off (it ended at {Texts.Time(ended)})";
        }

        var until = flag.Until is { } end ? $" until {Texts.Time(end)}" : string.Empty;
        return (flag.RequestPercentage is { } requests ? $"on for {requests}% of requests (drawn each time)"
            : flag.HasAudience ? "on for " + Audience(flag)
            : "on for everyone") + until;
    }

    private static string Audience(FeatureFlag flag)
    {
        var parts = new List<string>();
        if (flag.Percentage is { } share && (share > 0 || (flag.Users.Count == 0 && flag.Groups.Count == 0)))
        {
            parts.Add(share == 0 ? "no one (0% of users)" : $"{share}% of users");
        }

        if (flag.Users.Count > 0)
        {
            parts.Add($"{(flag.Users.Count == 1 ? "user" : "users")} {string.Join(", ", flag.Users)}");
        }

        if (flag.Groups.Count > 0)
        {
            parts.Add($"{(flag.Groups.Count == 1 ? "group" : "groups")} {string.Join(", ", flag.Groups.Select(g => g.Percentage == 100 ? g.Name : $"{g.Name} ({g.Percentage}%)"))}");
        }

        return string.Join(" and ", parts);
    }

    private static DateTimeOffset Whole(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
