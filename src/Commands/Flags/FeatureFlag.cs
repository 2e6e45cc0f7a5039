namespace ChatOpsRelease.Commands.Flags;

/// <summary>A user group a flag is on for, and for what share of its members (100: all of them).</summary>
public sealed record FlagGroup(string Name, int Percentage = 100);

/// <summary>
/// One feature flag of an app as the bot keeps it in the app's ConfigMap. Off for everyone when not
/// <see cref="Enabled"/>; otherwise on for everyone unless it has an audience (a percentage, users or groups), and then
/// on only for that audience. <see cref="Until"/> ends it: from then on it is off.
/// </summary>
public sealed record FeatureFlag
{
    public required string Name { get; init; }

    public bool Enabled { get; init; }

    /// <summary>The stable share of all users (by user id) the flag is on for; null when the flag has no percentage.</summary>
    public int? Percentage { get; init; }

    /// <summary>
    /// The share of evaluations (requests) the flag is on for, drawn afresh each time — not sticky per user; null when
    /// the flag has none. Exclusive with an audience.
    /// </summary>
    public int? RequestPercentage { get; init; }

    /// <summary>User ids the flag is always on for.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>Groups the flag is on for.</summary>
    public IReadOnlyList<FlagGroup> Groups { get; init; } = [];

    /// <summary>When the flag turns off by itself (whole seconds, UTC); null: it stays as it is.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Who set it this way (the actor as people read it).</summary>
    public string ChangedBy { get; init; } = string.Empty;

    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>True when the flag is on only for an audience, not for everyone.</summary>
    public bool HasAudience => Percentage is not null || Users.Count > 0 || Groups.Count > 0;

    /// <summary>Off at <paramref name="now"/>: disabled, or its time is up.</summary>
    public bool IsOffAt(DateTimeOffset now) => !Enabled || (Until is { } end && now >= end);

    /// <summary>A flag that is off for everyone.</summary>
    public static FeatureFlag Off(string name) => new() { Name = name };

    /// <summary>Same state, ignoring who changed it and when.</summary>
    public bool SameStateAs(FeatureFlag other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Enabled == other.Enabled && Percentage == other.Percentage && RequestPercentage == other.RequestPercentage && Until == other.Until
            && Users.SequenceEqual(other.Users, StringComparer.Ordinal) && Groups.SequenceEqual(other.Groups);
    }
}

/// <summary>Every flag of one app, by name (names compare without case), in the order they were added.</summary>
public sealed record FlagSet(IReadOnlyList<FeatureFlag> Flags)
{
    public static readonly FlagSet Empty = new([]);

    public FeatureFlag? Find(string name) => Flags.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The set with <paramref name="flag"/> added or put in place of the flag of the same name.</summary>
    public FlagSet With(FeatureFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var flags = Flags.ToList();
        var at = flags.FindIndex(f => string.Equals(f.Name, flag.Name, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            flags[at] = flag;
        }
        else
        {
            flags.Add(flag);
        }

        return new FlagSet(flags);
    }
}
