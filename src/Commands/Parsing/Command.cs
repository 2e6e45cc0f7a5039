using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>Options that may follow any command.</summary>
public sealed record CommandFlags(bool DryRun = false, bool Force = false, bool Auto = false)
{
    /// <summary><c>--strategy canary|bluegreen</c> on <c>deploy</c>; null: the app's configured strategy.</summary>
    public Releases.ReleaseStrategy? Strategy { get; init; }

    public static readonly CommandFlags None = new();
}

/// <summary>
/// The release a command acts on: a named app, or <c>canary</c> — the single active release the
/// conversation can see.
/// </summary>
public sealed record ReleaseTarget(string? App)
{
    public static readonly ReleaseTarget Canary = new((string?)null);

    public bool IsCanary => App is null;

    public override string ToString() => App ?? "canary";
}

/// <summary>A parsed command. Each verb has its own record; the handler switches on the type.</summary>
public abstract record Command(CommandFlags Flags)
{
    /// <summary>True when carrying the command out changes the cluster (so <c>--dry-run</c> means something).</summary>
    public abstract bool ChangesCluster { get; }
}

public sealed record DeployCommand(string App, string Version, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => true;
}

public enum PromoteKind
{
    /// <summary>To an explicit weight.</summary>
    Weight,

    /// <summary>To the next weight of the release ladder.</summary>
    Next,

    /// <summary>Make the new version the stable one and retire the canary.</summary>
    Full,
}

public sealed record PromoteCommand(ReleaseTarget Target, PromoteKind Kind, int? Weight, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => true;
}

/// <summary>
/// <c>route</c>: send requests carrying a header (with an exact value) or a cookie to the canary, optionally for a
/// limited time; <see cref="Kind"/> null means <c>clear</c>, which removes every rule.
/// </summary>
public sealed record RouteCommand(
    ReleaseTarget Target,
    RouteRuleKind? Kind,
    string? Name,
    string? Value,
    TimeSpan? Duration,
    CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => true;
}

/// <summary><c>compare</c>: the canary's errors and latency against stable's over a window (null: the app's default).</summary>
public sealed record CompareCommand(ReleaseTarget Target, TimeSpan? Window, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

public sealed record PauseCommand(ReleaseTarget Target, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

public sealed record ResumeCommand(ReleaseTarget Target, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

public sealed record RollbackCommand(ReleaseTarget Target, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => true;
}

public sealed record StatusCommand(string? App, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

public sealed record PlanCommand(string App, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

public sealed record HistoryCommand(string App, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

public sealed record HelpCommand(string? Verb, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}
